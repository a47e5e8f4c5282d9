import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { CHANNELS } from '../../shared/api/contract';
import { fail } from '../../shared/api/envelope';
import { dispatch, type HandlerTable } from '../services/api';
import type { EventBus } from '../services/eventBus';
import { isAppUrl } from './appOrigin';

export interface IpcOptions {
  events: EventBus;
  /** Our window's contents, or null once it is gone: the only sender we answer. */
  contents: () => WebContents | null;
}

/**
 * Only the main frame of our own window, showing our own page, may call the services. Frames
 * are compared by process and routing id rather than by wrapper identity, and any throw (a
 * frame disposed mid-call) counts as a refusal.
 */
export function isTrustedSender(event: Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>, contents: WebContents | null): boolean {
  try {
    const frame = event.senderFrame;
    if (!frame || frame.detached || !contents || contents.isDestroyed() || event.sender !== contents) return false;
    const main = contents.mainFrame;
    const isMainFrame = frame.processId === main.processId && frame.routingId === main.routingId;
    return isMainFrame && isAppUrl(frame.url);
  } catch {
    return false;
  }
}

/**
 * Binds every channel of the contract to the handler table, behind the sender check, and
 * forwards the services' events to the window. Returns the unbinding function.
 */
export function bindIpc(ipcMain: Pick<IpcMain, 'handle' | 'removeHandler'>, table: HandlerTable, options: IpcOptions): () => void {
  for (const channel of CHANNELS) {
    ipcMain.handle(channel, (event, payload: unknown) => {
      if (!isTrustedSender(event, options.contents())) return fail('E_FORBIDDEN', `${channel}: sender refused`);
      return dispatch(table, channel, payload);
    });
  }
  const unsubscribe = options.events.subscribe((channel, payload) => {
    const contents = options.contents();
    // Dossier data goes to our page only, never to whatever a hijacked frame would show.
    if (contents && !contents.isDestroyed() && isAppUrl(contents.mainFrame.url)) contents.send(channel, payload);
  });
  return () => {
    unsubscribe();
    for (const channel of CHANNELS) ipcMain.removeHandler(channel);
  };
}
