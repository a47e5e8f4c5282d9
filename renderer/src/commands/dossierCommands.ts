import { PRIORITIES } from '../../../shared/domain/priority';
import { defaultQueueFor, otherBranch, QUEUES, type QueueId } from '../../../shared/domain/routing';
import { FOCUS, focusById, focusRadioGroup, patientFieldId } from '../focus/focusTargets';
import { useDraftStore } from '../stores/draftStore';
import { useUiStore } from '../stores/uiStore';
import type { Command } from './command';
import { draft } from './commandContext';

const PRIORITY_KEYS: Record<(typeof PRIORITIES)[number], string> = { P0: 'Digit0', P1: 'Digit1', P2: 'Digit2', P3: 'Digit3', NR: 'Digit9' };

/** The call-taker's dossier: open, save, prioritise, route, add a patient, link a repeat call, write a note. */
export function dossierCommands(): Command[] {
  return [
    {
      id: 'dossier.new',
      labelKey: 'commands.newDossier',
      shortcut: { code: 'F2' },
      inFields: true,
      run: () => {
        // Always blank: what was typed and not saved waits in the drafts tray (Maj+F2).
        useDraftStore.getState().newDraft();
        // At once (the field is already there when a dossier was open), and again once rendered:
        // the caller's number typed right after F2 must not land in the previous dossier's field.
        document.getElementById(FOCUS.callerPhone)?.focus();
        focusById(FOCUS.callerPhone);
      },
    },
    {
      id: 'dossier.drafts',
      labelKey: 'commands.draftTray',
      shortcut: { code: 'F2', shift: true },
      inFields: true,
      run: () => useUiStore.getState().setTrayOpen(true),
    },
    {
      id: 'dossier.save',
      labelKey: 'commands.saveDossier',
      shortcut: { code: 'KeyS', ctrl: true },
      inFields: true,
      enabled: () => draft().open && !draft().saved,
      // Focus goes where the work continues: the address once saved, the first refused field otherwise.
      run: () =>
        void useDraftStore
          .getState()
          .save()
          .then(() => {
            const { saved, fieldErrors } = draft();
            if (saved) return focusById(FOCUS.address);
            if (fieldErrors.callerPhone) return focusById(FOCUS.callerPhone);
            if (fieldErrors.motive) return focusById(FOCUS.motive);
            if (fieldErrors.priority) return focusRadioGroup(FOCUS.priority);
          }),
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
    {
      id: 'dossier.routeOther',
      labelKey: 'commands.routeOther',
      shortcut: { code: 'F9', shift: true },
      inFields: true,
      enabled: () => draft().saved !== null,
      run: () => {
        const saved = draft().saved;
        if (saved) void useDraftStore.getState().route(otherBranch(defaultQueueFor(saved.origin, saved.priority)));
      },
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
      id: 'dossier.manualLocation',
      labelKey: 'commands.manualLocation',
      shortcut: { code: 'KeyD', alt: true, shift: true },
      inFields: true,
      enabled: () => draft().saved !== null,
      run: () => {
        useUiStore.getState().setManualLocationOpen(true);
        focusById(FOCUS.manualCommune);
      },
    },
    {
      id: 'patient.add',
      labelKey: 'commands.addPatient',
      shortcut: { code: 'KeyP', alt: true },
      inFields: true,
      enabled: () => draft().saved !== null,
      run: () => {
        useDraftStore.getState().startNewPatient();
        focusById(patientFieldId('lastName'));
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
    {
      id: 'dossier.addNote',
      labelKey: 'commands.addNote',
      shortcut: { code: 'KeyN', alt: true },
      inFields: true,
      enabled: () => draft().saved !== null,
      run: () => focusById(FOCUS.noteText),
    },
  ];
}
