import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { CHANNELS } from '../../shared/api/contract';
import { fail } from '../../shared/api/envelope';
import { dispatch, type HandlerTable } from '../services/api';
import type { EventBus } from '../services/eventBus';
import { isAppUrl } from './appOrigin';

/** Only our own window's main frame, showing our own page, may call the services. */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>, trusted: () => WebContents | null): boolean {
  const frame = event.senderFrame;
  const contents = trusted();
  if (!frame || !contents || contents.isDestroyed()) return false;
  return event.sender === contents && frame === contents.mainFrame && isAppUrl(frame.url);
}

/**
 * Binds every channel of the contract to the handler table, after the sender check; forwards
 * the services' events to the window. Returns the unbinding function.
 */
export function bindIpc(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, table: HandlerTable, events: EventBus, trusted: () => WebContents | null): () => void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, payload: unknown) => {
      if (!isTrustedSender(event, trusted)) return fail('E_FORBIDDEN', `${channel}: sender refused`);
      return dispatch(table, channel, payload);
    });
  }
  const unsubscribe = events.subscribe((channel, payload) => {
    const contents = trusted();
    if (contents && !contents.isDestroyed()) contents.send(channel, payload);
  });
  return () => {
    unsubscribe();
    for (const channel of CHANNELS) ipcMain.removeHandler(channel);
  };
}
