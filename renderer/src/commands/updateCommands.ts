import { updateApplicable, useUpdateStore } from '../stores/updateStore';
import { isSignedIn, useSessionStore } from '../stores/sessionStore';
import type { Command } from './command';

export const APPLY_UPDATE_SHORTCUT = { code: 'KeyU', ctrl: true, shift: true } as const;

/** The update IT's feed brought: applied on the operator's keystroke, never during a call nor with unsaved work. */
export function updateCommands(): Command[] {
  return [
    {
      // Off while a call is up or a dossier is unsaved; the services refuse it then anyway.
      id: 'update.apply',
      labelKey: 'commands.applyUpdate',
      shortcut: APPLY_UPDATE_SHORTCUT,
      enabled: () => isSignedIn(useSessionStore.getState().session) && updateApplicable(useUpdateStore.getState().status),
      run: () => void useUpdateStore.getState().apply(),
    },
  ];
}
