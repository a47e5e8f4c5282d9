import type { i18n as I18n } from 'i18next';
import { FOCUS, focusById } from '../focus/focusTargets';
import { useUiStore } from '../stores/uiStore';
import type { Command } from './command';

/** Getting about the screen and dressing it: the queue, the palette, help, language, theme. */
export function screenCommands(i18n: I18n): Command[] {
  const ui = () => useUiStore.getState();
  return [
    { id: 'queue.focus', labelKey: 'commands.focusQueue', shortcut: { code: 'KeyQ', alt: true }, inFields: true, run: () => focusById(FOCUS.queue) },
    { id: 'palette.open', labelKey: 'commands.openPalette', shortcut: { code: 'KeyK', ctrl: true }, inFields: true, run: () => ui().setPaletteOpen(true) },
    { id: 'help.open', labelKey: 'commands.help', shortcut: { code: 'F1' }, inFields: true, run: () => ui().setHelpOpen(!ui().helpOpen) },
    { id: 'language.fr', labelKey: 'commands.languageFr', enabled: () => i18n.language !== 'fr', run: () => ui().chooseLanguage('fr') },
    { id: 'language.en', labelKey: 'commands.languageEn', enabled: () => i18n.language !== 'en', run: () => ui().chooseLanguage('en') },
    { id: 'theme.cycle', labelKey: 'commands.themeCycle', shortcut: { code: 'KeyT', alt: true }, inFields: true, run: () => ui().cycleTheme() },
    { id: 'theme.dark', labelKey: 'commands.themeDark', run: () => ui().setTheme('dark') },
    { id: 'theme.light', labelKey: 'commands.themeLight', run: () => ui().setTheme('light') },
    { id: 'theme.contrast', labelKey: 'commands.themeContrast', run: () => ui().setTheme('contrast') },
  ];
}
