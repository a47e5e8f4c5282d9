import { create } from 'zustand';
import type { RequestOf } from '../../../shared/api/contract';
import type { ApiError } from '../../../shared/api/envelope';
import type { CodeOf } from '../../../shared/domain/codes';
import { currentDecisions } from '../../../shared/domain/decision';
import type { Dossier } from '../../../shared/domain/dossier';
import type { QueueEntry } from '../../../shared/domain/queue';
import type { QueueId } from '../../../shared/domain/routing';
import { backend } from '../api/backend';

export type DecisionInput = Omit<RequestOf<'dossier:addDecision'>, 'dossierId'>;

interface RegulationStore {
  /** The dossier the regulator has taken. */
  dossier: Dossier | null;
  history: QueueEntry[];
  error: ApiError | null;
  /** What was last saved, for the status line ("Décision enregistrée : Intervention — Smur (INTER SMUR R1)"). */
  saved: { kind: 'note' } | { kind: 'decision'; type: CodeOf<'typeDecision'>; corrected: boolean } | { kind: 'state'; state: string } | null;
  decisionType: CodeOf<'typeDecision'>;
  /** The decision in force the next signature replaces (a correction), or null for a new decision. */
  correcting: string | null;
  /** Starts (or moves) a correction: the latest decision in force, then the one before it on each press. */
  correctNext(): void;
  cancelCorrection(): void;
  take(request: { queue?: QueueId; dossierId?: string }): Promise<void>;
  refresh(): Promise<void>;
  addNote(text: string): Promise<boolean>;
  addDecision(input: DecisionInput): Promise<boolean>;
  setDecisionType(type: CodeOf<'typeDecision'>): void;
  /** Handling finished (ACHEVE), then validated (VALIDE): the services apply the interlocks. */
  transition(to: 'finish' | 'validate'): Promise<void>;
}

export const useRegulationStore = create<RegulationStore>((set, get) => ({
  dossier: null,
  history: [],
  error: null,
  saved: null,
  decisionType: 'CONSEIL',
  correcting: null,
  correctNext() {
    const dossier = get().dossier;
    if (!dossier) return;
    // Newest first: a correction usually replaces what was just signed.
    const inForce = currentDecisions(dossier.decisions).reverse();
    if (inForce.length === 0) return;
    const at = inForce.findIndex((d) => d.id === get().correcting);
    const target = inForce[(at + 1) % inForce.length]!;
    set({ correcting: target.id, decisionType: target.type, saved: null });
  },
  cancelCorrection: () => set({ correcting: null }),
  async take(request) {
    const result = await backend.takeDossier(request);
    if (!result.ok) return set({ error: result.error });
    // Another dossier: no decision type carried over from the previous one.
    set({ dossier: result.value, error: null, saved: null, history: [], decisionType: 'CONSEIL', correcting: null });
    if (result.value.callerPhone) {
      const history = await backend.callerHistory({ phone: result.value.callerPhone });
      if (history.ok) set({ history: [...history.value.byPhone, ...history.value.byPatient].filter((e, i, all) => e.id !== result.value.id && all.findIndex((x) => x.id === e.id) === i) });
    }
  },
  async refresh() {
    const current = get().dossier;
    if (!current) return;
    const result = await backend.getDossier({ dossierId: current.id });
    // Another dossier taken meanwhile (F8 while a refresh was on its way — in a room, refreshes come
    // with every event from the site): the late answer must not put the previous dossier back.
    if (result.ok && get().dossier?.id === current.id) set({ dossier: result.value });
  },
  async addNote(text) {
    const current = get().dossier;
    if (!current) return false;
    const result = await backend.addNote({ dossierId: current.id, text });
    set(result.ok ? { dossier: result.value, error: null, saved: { kind: 'note' } } : { error: result.error });
    return result.ok;
  },
  async addDecision(input) {
    const current = get().dossier;
    if (!current) return false;
    const supersedes = get().correcting;
    const result = await backend.addDecision({ dossierId: current.id, ...input, ...(supersedes ? { supersedes } : {}) });
    set(result.ok ? { dossier: result.value, error: null, saved: { kind: 'decision', type: input.type, corrected: supersedes !== null }, correcting: null } : { error: result.error });
    return result.ok;
  },
  setDecisionType: (decisionType) => set({ decisionType }),
  async transition(to) {
    const current = get().dossier;
    if (!current) return;
    const result = to === 'finish' ? await backend.finishDossier({ dossierId: current.id }) : await backend.validateDossier({ dossierId: current.id });
    set(result.ok ? { dossier: result.value, error: null, saved: { kind: 'state', state: result.value.state } } : { error: result.error });
  },
}));
