import { backend } from '../api/backend';
import { FOCUS, focusById } from '../focus/focusTargets';
import { useUiStore } from '../stores/uiStore';
import type { Command } from './command';
import { may } from './commandContext';

/** "Réglages du poste": the softphone's password and registration, the Hub pass phrase, the language. */
export function settingsCommands(): Command[] {
  const open = (focus?: string) => {
    useUiStore.getState().setSettingsOpen(true);
    if (focus) focusById(focus);
  };
  return [
    { id: 'settings.open', labelKey: 'commands.settings', shortcut: { code: 'KeyW', alt: true, shift: true }, inFields: true, run: () => open() },
    { id: 'settings.sipPassword', labelKey: 'commands.settingsSipPassword', enabled: () => may('telephony:setPassword'), run: () => open(FOCUS.sipPassword) },
    { id: 'settings.hubPassphrase', labelKey: 'commands.settingsHubPassphrase', enabled: () => may('hub:setPassphrase'), run: () => open(FOCUS.hubPassphrase) },
    { id: 'telephony.reregister', labelKey: 'commands.telephonyReregister', enabled: () => may('telephony:reregister'), run: () => void backend.reregisterTelephony() },
  ];
}
