import type { i18n as I18n } from 'i18next';
import { PRIORITIES } from '../../../shared/domain/priority';
import { QUEUES, type QueueId } from '../../../shared/domain/routing';
import type { Channel } from '../../../shared/api/contract';
import { officialCodes } from '../../../shared/domain/codes';
import { permissionFor } from '../../../shared/api/permissions';
import { sasCriteriaOf, sasSearchUrl } from '../../../shared/domain/hub/sasSearch';
import { DECISION_FOCUS } from '../components/DecisionForm';
import { OSNP_FOCUS } from '../components/OsnpList';
import { CALLBACKS_FOCUS } from '../components/CallbackList';
import { HUB_PROBLEMS_FOCUS } from '../components/HubProblems';
import { SAS_FOCUS } from '../components/SasToAttach';
import { NOTE_FOCUS } from '../components/RegulationWorkspace';
import { useCallbackStore } from '../stores/callbackStore';
import { useOsnpStore } from '../stores/osnpStore';
import { useCallStore } from '../stores/callStore';
import { useQueueStore } from '../stores/queueStore';
import { useStatusStore } from '../stores/statusStore';
import { useRegulationStore } from '../stores/regulationStore';
import { isSignedIn, useSessionStore } from '../stores/sessionStore';
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

/** After opening an existing dossier: its title, so the next Tab enters its first field. */
export function focusDossier() {
  focusById('dossier-title');
}

/** One shortcut per official decision type (Alt+Maj + its initial; PASPLUS: X, "rien de plus"). */
const DECISION_KEYS = { CONSEIL: 'KeyC', PMT: 'KeyP', INTER: 'KeyI', ORIENT: 'KeyO', PASPLUS: 'KeyX' } as const;

const PRIORITY_KEYS: Record<(typeof PRIORITIES)[number], string> = { P0: 'Digit0', P1: 'Digit1', P2: 'Digit2', P3: 'Digit3', NR: 'Digit9' };

type Regulator = { extension: string; label: string };
type Speaker = { deviceId: string; label: string };

/**
 * The registry: every action of the app, with its shortcut. `regulators`: this position's
 * extension plan (call:extensions), one palette entry each to transfer the call to.
 */
export function appCommands(i18n: I18n, regulators: readonly Regulator[] = [], speakers: readonly Speaker[] = []): Command[] {
  const draft = () => useDraftStore.getState().draft;
  const ui = () => useUiStore.getState();
  const role = () => useSessionStore.getState().session?.operator.role;
  const physician = () => role() === 'MRU' || role() === 'MRL';
  // The screens offer what the services would allow: the same permission table decides.
  const may = (channel: Channel) => permissionFor(channel, role() ?? null) === 'allowed';
  const regulated = () => useRegulationStore.getState().dossier;
  const show = (view: Parameters<ReturnType<typeof ui>['setView']>[0], focus?: string) => {
    ui().setView(view);
    if (focus) focusById(focus);
  };
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
    { id: 'view.calls', labelKey: 'commands.viewCalls', shortcut: { code: 'KeyA', alt: true }, inFields: true, run: () => show('calls', FOCUS.queue) },
    { id: 'view.regulation', labelKey: 'commands.viewRegulation', shortcut: { code: 'KeyR', alt: true }, inFields: true, run: () => show('regulation', regulated() ? NOTE_FOCUS : undefined) },
    {
      id: 'view.osnp',
      labelKey: 'commands.viewOsnp',
      shortcut: { code: 'KeyO', alt: true },
      inFields: true,
      enabled: () => may('osnp:list'),
      run: () => {
        show('osnp');
        // Fresh list, then the most urgent patient under the OSNP's hands.
        void useOsnpStore.getState().load().then(() => requestAnimationFrame(() => document.getElementById(OSNP_FOCUS)?.querySelector('button')?.focus()));
      },
    },
    {
      id: 'view.callbacks',
      labelKey: 'commands.viewCallbacks',
      shortcut: { code: 'KeyB', alt: true },
      inFields: true,
      enabled: () => may('callback:list'),
      run: () => {
        show('callbacks', CALLBACKS_FOCUS);
        void useCallbackStore.getState().load();
      },
    },
    {
      id: 'sas.attach',
      labelKey: 'commands.sasAttach',
      enabled: () => may('sas:attachAppointment'),
      run: () => {
        show('osnp', SAS_FOCUS);
        void useOsnpStore.getState().load();
      },
    },
    {
      id: 'view.hubProblems',
      labelKey: 'commands.viewHubProblems',
      shortcut: { code: 'KeyH', alt: true, shift: true },
      inFields: true,
      enabled: () => may('hub:inboxProblems'),
      run: () => show('hubProblems', HUB_PROBLEMS_FOCUS),
    },
    {
      id: 'regulation.takeNext',
      labelKey: 'commands.takeNext',
      shortcut: { code: 'F8' },
      inFields: true,
      enabled: physician,
      run: () => {
        const queue = useQueueStore.getState().view;
        void useRegulationStore.getState().take(queue ? { queue } : {}).then(() => show('regulation', regulated() ? NOTE_FOCUS : undefined));
      },
    },
    ...officialCodes('typeDecision').map(
      (type): Command => ({
        id: `regulation.decision.${type}`,
        labelKey: 'commands.decision',
        labelValues: { type },
        shortcut: { code: DECISION_KEYS[type], alt: true, shift: true },
        inFields: true,
        enabled: () => physician() && regulated() !== null,
        run: () => {
          useRegulationStore.getState().setDecisionType(type);
          show('regulation', DECISION_FOCUS);
          // The type is chosen: go straight to the care level.
          requestAnimationFrame(() => requestAnimationFrame(() => document.getElementById('decision-care')?.focus()));
        },
      }),
    ),
    {
      // The call-taker's own dossier (mostly a DR: information, wrong number, pharmacy on duty).
      // Offered for any dossier they may finish; the services refuse a DRM without a physician's
      // decision (DOMAIN §8.2) and the screen says so.
      id: 'dossier.finish',
      labelKey: 'commands.finishDossier',
      shortcut: { code: 'KeyT', alt: true, shift: true },
      inFields: true,
      enabled: () => may('dossier:finish') && regulated() === null && draft().saved?.state === 'ACTIF',
      run: () => void useDraftStore.getState().finish(),
    },
    {
      id: 'regulation.finish',
      labelKey: 'commands.finish',
      shortcut: { code: 'KeyF', alt: true, shift: true },
      inFields: true,
      enabled: () => regulated()?.state === 'ACTIF',
      run: () => void useRegulationStore.getState().transition('finish'),
    },
    {
      id: 'regulation.validate',
      labelKey: 'commands.validate',
      shortcut: { code: 'KeyV', alt: true, shift: true },
      inFields: true,
      enabled: () => physician() && regulated()?.state === 'ACHEVE',
      run: () => void useRegulationStore.getState().transition('validate'),
    },
    {
      id: 'report.open',
      labelKey: 'commands.report',
      shortcut: { code: 'KeyE', alt: true },
      inFields: true,
      enabled: () => may('dossier:report') && (regulated() ?? draft().saved) !== null,
      run: () => ui().setReportFor((regulated() ?? draft().saved)!.id),
    },
    {
      // INT_L01: the platform's search page, pre-filled from the dossier. window.open everywhere:
      // Electron's window-open handler (electron/main/navigation.ts) hands it to the system
      // browser, for the configured SAS origin only; the test harness's browser opens a tab.
      id: 'sas.search',
      labelKey: 'commands.sasSearch',
      enabled: () => may('dossier:get') && Boolean(useStatusStore.getState().workstation?.sasSearch) && (regulated() ?? draft().saved) !== null,
      run: () => {
        const config = useStatusStore.getState().workstation!.sasSearch!;
        window.open(sasSearchUrl(config, sasCriteriaOf((regulated() ?? draft().saved)!)), '_blank', 'noopener');
      },
    },
    {
      id: 'callback.request',
      labelKey: 'commands.requestCallback',
      enabled: () => may('callback:request') && (regulated() ?? draft().saved) !== null,
      run: () => {
        void useCallbackStore.getState().request((regulated() ?? draft().saved)!.id);
        show('callbacks', CALLBACKS_FOCUS);
      },
    },
    { id: 'diagnostics.open', labelKey: 'commands.diagnostics', shortcut: { code: 'KeyJ', alt: true }, inFields: true, run: () => ui().setDiagnosticsOpen(true) },
    {
      id: 'dossier.new',
      labelKey: 'commands.newDossier',
      shortcut: { code: 'F2' },
      inFields: true,
      run: () => {
        // Never throw away what the ARM typed and did not save: go back to it instead.
        useDraftStore.getState().newOrResume();
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
      id: 'patient.add',
      labelKey: 'commands.addPatient',
      shortcut: { code: 'KeyP', alt: true },
      inFields: true,
      enabled: () => draft().saved !== null,
      run: () => {
        useDraftStore.getState().startNewPatient();
        focusById('patient-lastName');
      },
    },
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
    {
      id: 'dossier.search',
      labelKey: 'commands.searchDossiers',
      shortcut: { code: 'KeyF', ctrl: true, shift: true },
      inFields: true,
      run: () => ui().setSearchOpen(true),
    },
    {
      id: 'dossier.addNote',
      labelKey: 'commands.addNote',
      shortcut: { code: 'KeyN', alt: true },
      inFields: true,
      enabled: () => draft().saved !== null,
      run: () => focusById('note-text'),
    },
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
      shortcut: { code: 'KeyR', alt: true, shift: true },
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
    ...regulators.map(
      (regulator): Command => ({
        id: `call.transfer.regulator.${regulator.extension}`,
        labelKey: 'commands.callTransferRegulator',
        labelValues: { label: regulator.label, extension: regulator.extension },
        enabled: () => useCallStore.getState().list.calls.some((c) => c.state === 'active' || c.state === 'held'),
        run: () => void useCallStore.getState().transfer({ kind: 'extension', extension: regulator.extension }),
      }),
    ),
    ...speakers.map(
      (speaker): Command => ({
        id: `audio.speaker.${speaker.deviceId}`,
        labelKey: 'commands.audioSpeaker',
        labelValues: { label: speaker.label },
        enabled: () => useCallStore.getState().speakerId !== speaker.deviceId,
        run: () => void useCallStore.getState().setSpeaker(speaker.deviceId),
      }),
    ),
    {
      id: 'call.dtmf',
      labelKey: 'commands.callDtmf',
      shortcut: { code: 'KeyD', alt: true },
      inFields: true,
      enabled: () => useCallStore.getState().list.calls.some((c) => c.state === 'active'),
      run: () => useCallStore.getState().setKeypadOpen(true),
    },
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
