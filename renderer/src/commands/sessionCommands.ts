import { isSignedIn, useSessionStore } from '../stores/sessionStore';
import type { Command } from './command';

/** The operator's session: lock the post, sign out. */
export function sessionCommands(): Command[] {
  return [
    {
      id: 'session.lock',
      labelKey: 'commands.lock',
      shortcut: { code: 'KeyL', ctrl: true },
      inFields: true,
      enabled: () => isSignedIn(useSessionStore.getState().session),
      run: () => void useSessionStore.getState().lock(),
    },
    { id: 'session.logout', labelKey: 'commands.logout', enabled: () => isSignedIn(useSessionStore.getState().session), run: () => void useSessionStore.getState().logout() },
  ];
}
