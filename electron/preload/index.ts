import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { LISTENERS, METHODS } from '../../shared/api/surface';

/**
 * window.plateau: one named function per contract method and one `on…` per event, nothing
 * else — never ipcRenderer itself nor a generic invoke. Validation happens in main.
 */
const api: Record<string, unknown> = {};
for (const [name, channel] of Object.entries(METHODS)) {
  api[name] = (request: unknown) => ipcRenderer.invoke(channel, request);
}
for (const [name, channel] of Object.entries(LISTENERS)) {
  api[name] = (listener: (payload: unknown) => void) => {
    const forward = (_event: IpcRendererEvent, payload: unknown) => listener(payload);
    ipcRenderer.on(channel, forward);
    return () => {
      ipcRenderer.removeListener(channel, forward);
    };
  };
}
contextBridge.exposeInMainWorld('plateau', api);
