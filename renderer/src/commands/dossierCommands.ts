import { PRIORITIES } from '../../../shared/domain/priority';
import { QUEUES, type QueueId } from '../../../shared/domain/routing';
import { FOCUS, focusById, patientFieldId } from '../focus/focusTargets';
import { useDraftStore } from '../stores/draftStore';
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
