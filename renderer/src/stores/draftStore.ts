import { create } from 'zustand';
import { closedDraft, draftReducer, type DossierDraft, type DraftAction } from '../../../shared/domain/dossierDraft';
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
  /** Previous dossiers of the same caller, most recent first (filled by the repeat-caller panel). */
  repeatCandidates: string[];
  linkMostRecent(): Promise<void>;
}

export const useDraftStore = create<DraftStore>((set, get) => ({
  draft: closedDraft,
  commandError: null,
  repeatCandidates: [],
  async linkMostRecent() {
    const other = get().repeatCandidates[0];
    if (other) await get().apply((dossierId) => backend.linkDossiers({ dossierId, otherDossierId: other }));
  },
  dispatch: (action) => set({ draft: draftReducer(get().draft, action), ...(action.type === 'open' ? { commandError: null } : {}) }),
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
  async route(queue) {
    await get().apply((dossierId) => backend.routeDossier(queue ? { dossierId, queue } : { dossierId }));
  },
  async save() {
    get().dispatch({ type: 'saveStarted' });
    const { draft } = get();
    if (draft.status !== 'saving') return;
    const result = await backend.createDossier({
      kind: 'DRM',
      origin: '15',
      callerPhone: draft.callerPhone,
      motive: draft.motive,
      priority: draft.priority,
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
