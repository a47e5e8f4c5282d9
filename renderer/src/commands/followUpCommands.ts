import { sasCriteriaOf, sasSearchUrl } from '../../../shared/domain/hub/sasSearch';
import { FOCUS } from '../focus/focusTargets';
import { useCallbackStore } from '../stores/callbackStore';
import { useStatusStore } from '../stores/statusStore';
import { useOsnpStore } from '../stores/osnpStore';
import { useUiStore } from '../stores/uiStore';
import { useWaitAlertStore } from '../stores/waitAlertStore';
import type { Command } from './command';
import { dossierInHand, may, show } from './commandContext';

const slotsDossier = () => useOsnpStore.getState().selected ?? dossierInHand()?.id ?? null;

/** What is done for the dossier in hand beyond its form: its report, a pharmacy on duty, a practitioner looked up, a SAS appointment, a call-back. */
export function followUpCommands(): Command[] {
  return [
    {
      id: 'report.open',
      labelKey: 'commands.report',
      shortcut: { code: 'KeyE', alt: true },
      inFields: true,
      enabled: () => may('dossier:report') && dossierInHand() !== null,
      run: () => useUiStore.getState().setReportFor(dossierInHand()!.id),
    },
    {
      // Nothing leaves the room without a person (issue 13 §6): the panel shows what would go.
      id: 'dossier.share',
      labelKey: 'commands.share',
      shortcut: { code: 'KeyK', alt: true, shift: true },
      inFields: true,
      enabled: () => may('dossier:share') && dossierInHand() !== null,
      run: () => useUiStore.getState().setShareFor(dossierInHand()!.id),
    },
    {
      // Alt+G, "garde": from the offline packs, so it answers with the network down.
      id: 'pharmacy.onDuty',
      labelKey: 'commands.pharmacy',
      shortcut: { code: 'KeyG', alt: true },
      inFields: true,
      enabled: () => may('pharmacy:onDuty') && dossierInHand() !== null,
      run: () => useUiStore.getState().setPharmacyFor(dossierInHand()!.id),
    },
    {
      // Alt+C, "créneaux": the OSNP's selected patient, else the dossier in hand.
      id: 'slots.search',
      labelKey: 'commands.slots',
      shortcut: { code: 'KeyC', alt: true },
      inFields: true,
      enabled: () => may('slots:search') && slotsDossier() !== null,
      run: () => useUiStore.getState().setSlotsFor(slotsDossier()),
    },
    {
      // Alt+Maj+M, "médecin": who a practitioner is and where they practise, from the RPPS pack.
      id: 'practitioners.lookup',
      labelKey: 'commands.practitioners',
      shortcut: { code: 'KeyM', alt: true, shift: true },
      inFields: true,
      enabled: () => may('practitioners:lookup'),
      run: () => useUiStore.getState().setPractitionersOpen(true),
    },
    {
      // INT_L01: the platform's search page, pre-filled from the dossier. window.open everywhere:
      // Electron's window-open handler (electron/main/navigation.ts) hands it to the system
      // browser, for the configured SAS origin only; the test harness's browser opens a tab.
      id: 'sas.search',
      labelKey: 'commands.sasSearch',
      enabled: () => may('dossier:get') && Boolean(useStatusStore.getState().workstation?.sasSearch) && dossierInHand() !== null,
      run: () => {
        const config = useStatusStore.getState().workstation!.sasSearch!;
        window.open(sasSearchUrl(config, sasCriteriaOf(dossierInHand()!)), '_blank', 'noopener');
      },
    },
    {
      // From the callback list: the selected lost call, deferred or requested call-back, on its own number.
      id: 'callback.dial',
      labelKey: 'commands.callbackDial',
      shortcut: { code: 'KeyU', alt: true, shift: true },
      inFields: true,
      enabled: () => may('call:place') && useUiStore.getState().view === 'callbacks' && Boolean(useCallbackStore.getState().entries[useCallbackStore.getState().selected]?.phone),
      run: () => void useCallbackStore.getState().dialSelected(),
    },
    {
      id: 'waitAlerts.acknowledge',
      labelKey: 'commands.waitAlertsAck',
      shortcut: { code: 'KeyA', alt: true, shift: true },
      inFields: true,
      enabled: () => useWaitAlertStore.getState().alerts.length > 0,
      run: () => useWaitAlertStore.getState().acknowledge(),
    },
    {
      // In a room, the other desks see who is calling back (dialling from the list claims too).
      id: 'callback.claim',
      labelKey: 'commands.claimCallback',
      enabled: () => may('callback:claim') && useUiStore.getState().view === 'callbacks' && useCallbackStore.getState().entries[useCallbackStore.getState().selected] !== undefined,
      run: () => {
        const { entries, selected, claim } = useCallbackStore.getState();
        void claim(entries[Math.min(selected, entries.length - 1)]!.id);
      },
    },
    {
      id: 'callback.request',
      labelKey: 'commands.requestCallback',
      enabled: () => may('callback:request') && dossierInHand() !== null,
      run: () => {
        void useCallbackStore.getState().request(dossierInHand()!.id);
        show('callbacks', FOCUS.callbacks);
      },
    },
  ];
}
