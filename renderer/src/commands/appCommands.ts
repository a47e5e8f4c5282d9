import type { i18n as I18n } from 'i18next';
import { PRIORITIES } from '../../../shared/domain/priority';
import { QUEUES, type QueueId } from '../../../shared/domain/routing';
import { useCallStore } from '../stores/callStore';
import { useQueueStore } from '../stores/queueStore';
import { useDraftStore } from '../stores/draftStore';
import { useUiStore } from '../stores/uiStore';
import type { Command } from './command';

export const FOCUS = {
  callerPhone: 'field-callerPhone',
  queue: 'queue-list',
} as const;

function focusById(id: string) {
  // After React has rendered the element the command just opened.
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}

const PRIORITY_KEYS: Record<(typeof PRIORITIES)[number], string> = { P0: 'Digit0', P1: 'Digit1', P2: 'Digit2', P3: 'Digit3', NR: 'Digit9' };

/** The registry: every action of the app, with its shortcut. */
export function appCommands(i18n: I18n): Command[] {
  const draft = () => useDraftStore.getState().draft;
  const ui = () => useUiStore.getState();
  return [
    {
      id: 'dossier.new',
      labelKey: 'commands.newDossier',
      shortcut: { code: 'F2' },
      inFields: true,
      run: () => {
        const current = draft();
        // Never throw away what the ARM typed and did not save: go back to it instead.
        const unsaved = current.open && !current.saved && (current.callerPhone !== '' || current.motive !== '');
        if (!unsaved) useDraftStore.getState().dispatch({ type: 'open' });
        focusById(FOCUS.callerPhone);
      },
    },
    {
      id: 'dossier.save',
      labelKey: 'commands.saveDossier',
      shortcut: { code: 'KeyS', ctrl: true },
      inFields: true,
      enabled: () => draft().open && !draft().saved,
      run: () => void useDraftStore.getState().save(),
    },
    ...PRIORITIES.map(
      (priority): Command => ({
        id: `dossier.priority.${priority}`,
        labelKey: 'commands.setPriority',
        labelValues: { priority },
        shortcut: { code: PRIORITY_KEYS[priority], alt: true },
        inFields: true,
        enabled: () => draft().open,
        run: () => void useDraftStore.getState().setPriority(priority),
      }),
    ),
    {
      id: 'dossier.route',
      labelKey: 'commands.route',
      shortcut: { code: 'F9' },
      inFields: true,
      enabled: () => draft().saved !== null,
      run: () => void useDraftStore.getState().route(),
    },
    ...(Object.keys(QUEUES) as QueueId[]).map(
      (queue): Command => ({
        id: `dossier.route.${queue}`,
        labelKey: 'commands.routeTo',
        labelValueKeys: { queue: `queues.${queue}` },
        enabled: () => draft().saved !== null,
        run: () => void useDraftStore.getState().route(queue),
      }),
    ),
    {
      id: 'dossier.linkRepeat',
      labelKey: 'commands.linkRepeat',
      shortcut: { code: 'KeyL', alt: true },
      inFields: true,
      enabled: () => draft().saved !== null && useDraftStore.getState().repeatCandidates.length > 0,
      run: () => void useDraftStore.getState().linkMostRecent(),
    },
    ...([null, ...Object.keys(QUEUES)] as Array<QueueId | null>).map(
      (queue): Command => ({
        id: `queue.view.${queue ?? 'all'}`,
        labelKey: 'commands.viewQueue',
        labelValueKeys: { queue: `queues.${queue ?? 'all'}` },
        run: () => useQueueStore.getState().setView(queue),
      }),
    ),
    // Calls: usable while typing in the dossier (the ARM answers without leaving the form).
    {
      id: 'call.answer',
      labelKey: 'commands.callAnswer',
      shortcut: { code: 'F3' },
      inFields: true,
      enabled: () => useCallStore.getState().list.calls.some((c) => c.direction === 'inbound' && (c.state === 'ringing' || c.state === 'presented')),
      run: () => void useCallStore.getState().answer(),
    },
    { id: 'call.hangup', labelKey: 'commands.callHangup', shortcut: { code: 'F4' }, inFields: true, enabled: () => useCallStore.getState().list.calls.length > 0, run: () => void useCallStore.getState().hangup() },
    {
      id: 'call.hold',
      labelKey: 'commands.callHold',
      shortcut: { code: 'F6' },
      inFields: true,
      enabled: () => useCallStore.getState().list.calls.some((c) => c.state === 'active' || c.state === 'held'),
      run: () => void useCallStore.getState().toggleHold(),
    },
    {
      // Call the caller back from the saved dossier: the call is attached to it from the start.
      id: 'call.callback',
      labelKey: 'commands.callBack',
      shortcut: { code: 'KeyR', alt: true },
      inFields: true,
      enabled: () => Boolean(draft().saved?.callerPhone),
      run: () => {
        const saved = draft().saved;
        if (saved?.callerPhone) void useCallStore.getState().place({ target: { kind: 'external', number: saved.callerPhone }, dossierId: saved.id });
      },
    },
    ...(Object.keys(QUEUES) as QueueId[]).map(
      (queue): Command => ({
        id: `call.transfer.${queue}`,
        labelKey: 'commands.callTransfer',
        labelValueKeys: { queue: `queues.${queue}` },
        enabled: () => useCallStore.getState().list.calls.some((c) => c.state === 'active' || c.state === 'held'),
        run: () => void useCallStore.getState().transfer({ kind: 'queue', queue }),
      }),
    ),
    { id: 'call.mute', labelKey: 'commands.callMute', shortcut: { code: 'KeyM', alt: true }, inFields: true, run: () => useCallStore.getState().toggleMute() },
    { id: 'queue.focus', labelKey: 'commands.focusQueue', shortcut: { code: 'KeyQ', alt: true }, inFields: true, run: () => focusById(FOCUS.queue) },
    { id: 'palette.open', labelKey: 'commands.openPalette', shortcut: { code: 'KeyK', ctrl: true }, inFields: true, run: () => ui().setPaletteOpen(true) },
    { id: 'help.open', labelKey: 'commands.help', shortcut: { code: 'F1' }, inFields: true, run: () => ui().setHelpOpen(!ui().helpOpen) },
    { id: 'language.fr', labelKey: 'commands.languageFr', enabled: () => i18n.language !== 'fr', run: () => ui().setLanguage('fr') },
    { id: 'language.en', labelKey: 'commands.languageEn', enabled: () => i18n.language !== 'en', run: () => ui().setLanguage('en') },
    { id: 'theme.cycle', labelKey: 'commands.themeCycle', shortcut: { code: 'KeyT', alt: true }, inFields: true, run: () => ui().cycleTheme() },
    { id: 'theme.dark', labelKey: 'commands.themeDark', run: () => ui().setTheme('dark') },
    { id: 'theme.light', labelKey: 'commands.themeLight', run: () => ui().setTheme('light') },
    { id: 'theme.contrast', labelKey: 'commands.themeContrast', run: () => ui().setTheme('contrast') },
  ];
}
