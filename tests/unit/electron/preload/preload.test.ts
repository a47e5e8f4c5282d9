import { beforeAll, describe, expect, it } from 'vitest';
import { LISTENERS, METHODS } from '../../../../shared/api/contract';
import { contextBridge, ipcRenderer } from '../../../support/fakeElectron';

type Api = Record<string, (arg: unknown) => unknown>;

describe('preload', () => {
  let api: Api;
  beforeAll(async () => {
    await import('../../../../electron/preload/index');
    api = contextBridge.exposed.get('plateau') as Api;
  });

  it('exposes window.plateau only, with exactly the named functions of the contract', () => {
    expect([...contextBridge.exposed.keys()]).toEqual(['plateau']);
    expect(Object.keys(api).sort()).toEqual([...Object.keys(METHODS), ...Object.keys(LISTENERS)].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    // Nothing generic, nothing of Electron's, reachable from the page.
    expect(Object.values(api)).not.toContain(ipcRenderer);
    expect(Object.values(api)).not.toContain(ipcRenderer.invoke);
  });

  it('sends each method on its own channel with the request untouched, and returns the answer', async () => {
    for (const [name, channel] of Object.entries(METHODS)) {
      const request = { probe: name };
      await expect(api[name]!(request)).resolves.toEqual({ ok: true, value: { channel } });
      expect(ipcRenderer.invocations.at(-1)).toEqual([channel, request]);
    }
    expect(ipcRenderer.invocations).toHaveLength(Object.keys(METHODS).length);
  });

  it.each(Object.entries(LISTENERS))('%s delivers the payload only (no event object) and its unsubscribe really removes it', (name, channel) => {
    const seen: unknown[] = [];
    const before = ipcRenderer.listenerCount(channel);
    const unsubscribe = api[name]!((payload: unknown) => seen.push(payload)) as () => void;
    expect(ipcRenderer.listenerCount(channel)).toBe(before + 1);
    ipcRenderer.emit(channel, { sender: 'the IpcRendererEvent' }, { seq: 1 });
    unsubscribe();
    ipcRenderer.emit(channel, { sender: 'the IpcRendererEvent' }, { seq: 2 });
    expect(seen).toEqual([{ seq: 1 }]);
    expect(ipcRenderer.listenerCount(channel)).toBe(before);
  });

  it('keeps two subscribers independent', () => {
    const a: unknown[] = [];
    const b: unknown[] = [];
    const offA = api.onDossierChanged!((p: unknown) => a.push(p)) as () => void;
    const offB = api.onDossierChanged!((p: unknown) => b.push(p)) as () => void;
    offA();
    ipcRenderer.emit('dossier:changed', {}, { seq: 3 });
    offB();
    expect(a).toEqual([]);
    expect(b).toEqual([{ seq: 3 }]);
  });
});
