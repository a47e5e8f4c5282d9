import { create } from 'zustand';
import { closedDraft, draftReducer, type DossierDraft, type DraftAction } from '../../../shared/domain/dossierDraft';
import type { Priority } from '../../../shared/domain/priority';
import { backend } from '../api/backend';

interface DraftStore {
  draft: DossierDraft;
  dispatch(action: DraftAction): void;
  save(): Promise<void>;
  /** Before saving, edits the draft; after, a priority change is a journal command on the dossier. */
  setPriority(priority: Priority): Promise<void>;
}

export const useDraftStore = create<DraftStore>((set, get) => ({
  draft: closedDraft,
  dispatch: (action) => set({ draft: draftReducer(get().draft, action) }),
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
    const result = await backend.setPriority({ dossierId: draft.saved.id, priority });
    if (result.ok) set({ draft: { ...get().draft, saved: result.value, priority } });
  },
}));
