import { officialCodes } from '../../../shared/domain/codes';
import { currentDecisions } from '../../../shared/domain/decision';
import { FOCUS } from '../focus/focusTargets';
import { useDraftStore } from '../stores/draftStore';
import { useQueueStore } from '../stores/queueStore';
import { useRegulationStore } from '../stores/regulationStore';
import type { Command } from './command';
import { draft, may, physician, regulated, show } from './commandContext';

/** One shortcut per official decision type (Alt+Maj + its initial; PASPLUS: X, "rien de plus"). */
const DECISION_KEYS = { CONSEIL: 'KeyC', PMT: 'KeyP', INTER: 'KeyI', ORIENT: 'KeyO', PASPLUS: 'KeyX' } as const;

/** Medical regulation: take the next dossier, decide, then finish and validate. */
export function regulationCommands(): Command[] {
  return [
    {
      id: 'regulation.takeNext',
      labelKey: 'commands.takeNext',
      shortcut: { code: 'F8' },
      inFields: true,
      enabled: physician,
      run: () => {
        const queue = useQueueStore.getState().view;
        void useRegulationStore.getState().take(queue ? { queue } : {}).then(() => show('regulation', regulated() ? FOCUS.regulationNote : undefined));
      },
    },
    ...officialCodes('typeDecision').map(
      (type): Command => ({
        id: `regulation.decision.${type}`,
        labelKey: 'commands.decision',
        labelValues: { type },
        labelValueKeys: { words: `decisionTypes.${type}` },
        shortcut: { code: DECISION_KEYS[type], alt: true, shift: true },
        inFields: true,
        enabled: () => physician() && regulated() !== null,
        run: () => {
          useRegulationStore.getState().setDecisionType(type);
          show('regulation', FOCUS.decisionType);
          // The type is chosen: go straight to the care level.
          requestAnimationFrame(() => requestAnimationFrame(() => document.getElementById(FOCUS.decisionCare)?.focus()));
        },
      }),
    ),
    {
      // A decision is never edited (DOMAIN §4): the correction is a new decision naming the one
      // it replaces. Pressed again, the correction moves to the decision in force before it.
      id: 'regulation.correctDecision',
      labelKey: 'commands.correctDecision',
      shortcut: { code: 'KeyG', alt: true, shift: true },
      inFields: true,
      enabled: () => physician() && currentDecisions(regulated()?.decisions ?? []).length > 0 && (regulated()?.state === 'ACTIF' || regulated()?.state === 'ACHEVE'),
      run: () => {
        useRegulationStore.getState().correctNext();
        show('regulation', FOCUS.decisionType);
        requestAnimationFrame(() => requestAnimationFrame(() => document.getElementById(FOCUS.decisionCare)?.focus()));
      },
    },
    {
      // Échap in the decision form does the same (a global Échap belongs to the overlays).
      id: 'regulation.cancelCorrection',
      labelKey: 'commands.cancelCorrection',
      enabled: () => useRegulationStore.getState().correcting !== null,
      run: () => {
        useRegulationStore.getState().cancelCorrection();
        document.getElementById(FOCUS.decisionType)?.focus();
      },
    },
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
      // The physician validates the dossier under regulation; the ARM validates a finished
      // non-medical dossier (DR) of the form (issue 13 §5) — a DRM stays the physician's, and the
      // services refuse it otherwise.
      id: 'regulation.validate',
      labelKey: 'commands.validate',
      shortcut: { code: 'KeyV', alt: true, shift: true },
      inFields: true,
      enabled: () => (physician() && regulated()?.state === 'ACHEVE') || (may('dossier:validate') && regulated() === null && draft().saved?.state === 'ACHEVE' && draft().saved?.kind === 'DR'),
      run: () => void (regulated() ? useRegulationStore.getState().transition('validate') : useDraftStore.getState().validate()),
    },
  ];
}
