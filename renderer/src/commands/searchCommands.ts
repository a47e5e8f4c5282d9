import { useUiStore } from '../stores/uiStore';
import type { Command } from './command';

/** Finding any dossier of the site (number, caller, patient, place). */
export function searchCommands(): Command[] {
  return [
    {
      id: 'dossier.search',
      labelKey: 'commands.searchDossiers',
      shortcut: { code: 'KeyF', ctrl: true, shift: true },
      inFields: true,
      run: () => useUiStore.getState().setSearchOpen(true),
    },
  ];
}
