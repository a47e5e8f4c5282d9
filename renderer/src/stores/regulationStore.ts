import { create } from 'zustand';
import type { RequestOf } from '../../../shared/api/contract';
import type { ApiError } from '../../../shared/api/envelope';
import type { CodeOf } from '../../../shared/domain/codes';
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
  /** What was last saved, for the status line ("Décision INTER enregistrée"). */
  saved: { kind: 'note' } | { kind: 'decision'; type: string } | { kind: 'state'; state: string } | null;
  decisionType: CodeOf<'typeDecision'>;
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
  async take(request) {
    const result = await backend.takeDossier(request);
    if (!result.ok) return set({ error: result.error });
    // Another dossier: no decision type carried over from the previous one.
    set({ dossier: result.value, error: null, saved: null, history: [], decisionType: 'CONSEIL' });
    if (result.value.callerPhone) {
      const history = await backend.callerHistory({ phone: result.value.callerPhone });
      if (history.ok) set({ history: [...history.value.byPhone, ...history.value.byPatient].filter((e, i, all) => e.id !== result.value.id && all.findIndex((x) => x.id === e.id) === i) });
    }
  },
  async refresh() {
    const current = get().dossier;
    if (!current) return;
    const result = await backend.getDossier({ dossierId: current.id });
    if (result.ok) set({ dossier: result.value });
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
    const result = await backend.addDecision({ dossierId: current.id, ...input });
    set(result.ok ? { dossier: result.value, error: null, saved: { kind: 'decision', type: input.type } } : { error: result.error });
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
