import { create } from 'zustand';
import { closedDraft, draftReducer, hasUnsavedWork, type DossierDraft, type DraftAction } from '../../../shared/domain/dossierDraft';
import type { Dossier } from '../../../shared/domain/dossier';
import type { Priority } from '../../../shared/domain/priority';
import type { QueueId } from '../../../shared/domain/routing';
import type { ApiError, Envelope } from '../../../shared/api/envelope';
import { backend } from '../api/backend';

interface DraftStore {
  draft: DossierDraft;
  dispatch(action: DraftAction): void;
  save(): Promise<void>;
  /** Before saving, edits the draft; after, a priority change is a journal command on the dossier. */
  setPriority(priority: Priority): Promise<void>;
  /** The last refusal of a command on the saved dossier, shown where it happened. */
  commandError: ApiError | null;
  /** Runs a command on the saved dossier and keeps its answer as the dossier shown. */
  apply(command: (dossierId: string) => Promise<Envelope<Dossier>>): Promise<boolean>;
  route(queue?: QueueId): Promise<void>;
  /** The ARM finishes the dossier shown (ACHEVE): a DR at once; a DRM is refused without a physician's decision (E_INTERLOCK). */
  finish(): Promise<void>;
  /** The ARM validates a finished DR (VALIDE, then CLOTURE 24 h later); a DRM is the physician's. */
  validate(): Promise<void>;
  /** Previous dossiers of the same caller, most recent first (filled by the repeat-caller panel). */
  repeatCandidates: string[];
  linkMostRecent(): Promise<void>;
  /** Shows an existing dossier (queue, search, repeat callers); false when it could not be read. */
  openExisting(dossierId: string): Promise<boolean>;
  /** The unsaved draft put aside when another dossier was opened; F2 brings it back. */
  stash: DossierDraft | null;
  /** F2: back to the unsaved draft if there is one, else a new empty one. */
  newOrResume(): void;
  /** The patient shown in the patient fields: an id, 'new' for another one, null for the default. */
  editingPatientId: string | 'new' | null;
  startNewPatient(): void;
}

export const useDraftStore = create<DraftStore>((set, get) => ({
  draft: closedDraft,
  commandError: null,
  repeatCandidates: [],
  stash: null,
  editingPatientId: null,
  startNewPatient() {
    if (get().draft.saved) set({ editingPatientId: 'new', commandError: null });
  },
  newOrResume() {
    const { draft, stash } = get();
    if (hasUnsavedWork(draft)) return;
    if (stash) return set({ draft: stash, stash: null, commandError: null, editingPatientId: null });
    get().dispatch({ type: 'open' });
  },
  async linkMostRecent() {
    const other = get().repeatCandidates[0];
    if (other) await get().apply((dossierId) => backend.linkDossiers({ dossierId, otherDossierId: other }));
  },
  async openExisting(dossierId) {
    const result = await backend.getDossier({ dossierId });
    if (!result.ok) {
      set({ commandError: result.error });
      return false;
    }
    const current = get().draft;
    set({ draft: draftReducer(current, { type: 'load', dossier: result.value }), commandError: null, editingPatientId: null, ...(hasUnsavedWork(current) ? { stash: current } : {}) });
    return true;
  },
  dispatch: (action) => set({ draft: draftReducer(get().draft, action), ...(action.type === 'open' ? { commandError: null, editingPatientId: null } : {}) }),
  async apply(command) {
    const saved = get().draft.saved;
    if (!saved) return false;
    const result = await command(saved.id);
    if (!result.ok) {
      set({ commandError: result.error });
      return false;
    }
    set({ draft: { ...get().draft, saved: result.value, priority: result.value.priority }, commandError: null });
    return true;
  },
  async finish() {
    await get().apply((dossierId) => backend.finishDossier({ dossierId }));
  },
  async validate() {
    await get().apply((dossierId) => backend.validateDossier({ dossierId }));
  },
  async route(queue) {
    await get().apply((dossierId) => backend.routeDossier(queue ? { dossierId, queue } : { dossierId }));
  },
  async save() {
    get().dispatch({ type: 'saveStarted' });
    const { draft } = get();
    if (draft.status !== 'saving' || draft.priority === null) return;
    const result = await backend.createDossier({
      kind: draft.kind,
      origin: draft.origin,
      callerPhone: draft.callerPhone,
      motive: draft.motive,
      priority: draft.priority,
      ...(draft.callId ? { callId: draft.callId } : {}),
    });
    get().dispatch(result.ok ? { type: 'saveSucceeded', dossier: result.value } : { type: 'saveFailed', error: result.error });
  },
  async setPriority(priority) {
    const { draft } = get();
    if (!draft.open) return;
    if (!draft.saved) return get().dispatch({ type: 'setPriority', priority });
    await get().apply((dossierId) => backend.setPriority({ dossierId, priority }));
  },
}));
