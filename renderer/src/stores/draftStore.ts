import { create } from 'zustand';
import { closedDraft, draftReducer, type DossierDraft, type DraftAction } from '../../../shared/domain/dossierDraft';
import type { Dossier } from '../../../shared/domain/dossier';
import { putAside, takeFromTray, type TrayDraft } from '../../../shared/domain/draftTray';
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
  /** Unsaved drafts put aside when another dossier was opened, newest first (the drafts tray). */
  tray: TrayDraft[];
  /** F2: always a blank dossier; what was typed and not saved goes to the tray. */
  newDraft(): void;
  /** Back to a draft of the tray; the one on screen, if unsaved, takes its place there. */
  resumeDraft(id: string): void;
  /** Throws a draft of the tray away (the screen asked for confirmation). */
  discardDraft(id: string): void;
  /** The patient shown in the patient fields: an id, 'new' for another one, null for the default. */
  editingPatientId: string | 'new' | null;
  startNewPatient(): void;
}

let trayCounter = 0;
const newTrayId = () => `draft-${Date.now()}-${++trayCounter}`;
/** The tray with the draft on screen put aside, when it holds unsaved work. */
const aside = (state: { draft: DossierDraft; tray: TrayDraft[] }) => putAside(state.tray, state.draft, newTrayId(), new Date().toISOString());

export const useDraftStore = create<DraftStore>((set, get) => ({
  draft: closedDraft,
  commandError: null,
  repeatCandidates: [],
  tray: [],
  editingPatientId: null,
  startNewPatient() {
    if (get().draft.saved) set({ editingPatientId: 'new', commandError: null });
  },
  newDraft() {
    set({ tray: aside(get()) });
    get().dispatch({ type: 'open' });
  },
  resumeDraft(id) {
    const { draft, tray } = takeFromTray(get().tray, id);
    if (!draft) return;
    set({ tray: putAside(tray, get().draft, newTrayId(), new Date().toISOString()), draft, commandError: null, editingPatientId: null });
  },
  discardDraft(id) {
    set({ tray: takeFromTray(get().tray, id).tray });
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
    set({ tray: aside(get()), draft: draftReducer(get().draft, { type: 'load', dossier: result.value }), commandError: null, editingPatientId: null });
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
