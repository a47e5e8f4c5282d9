import type { CodedError } from './errors';
import type { Dossier, DossierKind, Origin } from './dossier';
import type { Priority } from './priority';

/**
 * The dossier being typed by the ARM. `saved` is reachable only from `saving` through
 * `saveSucceeded`, which the store dispatches once the service answered ok, i.e. after the
 * journal commit: the UI can never say "enregistré" for something that is only in memory.
 */
export type DraftField = 'callerPhone' | 'motive' | 'priority';

export interface DossierDraft {
  open: boolean;
  callerPhone: string;
  motive: string;
  /**
   * None until the ARM chooses one: a rushed Ctrl+S must not file chest pain as "non urgent"
   * behind their back, so saving without a priority is refused at the field.
   */
  priority: Priority | null;
  /** DRM (medical) unless the ARM says the call is not medical (DR). */
  kind: DossierKind;
  /** The number the caller dialled (HubSante.origine): drives the default branch. */
  origin: Origin;
  /** The call being answered when the draft was opened for it: the save attaches it. */
  callId: string | null;
  status: 'idle' | 'editing' | 'saving' | 'saved' | 'error';
  fieldErrors: Partial<Record<DraftField, true>>;
  error: CodedError | null;
  saved: Dossier | null;
}

export type DraftAction =
  /** A new draft; `callId` when it is opened for the call just answered. */
  | { type: 'open'; callId?: string }
  | { type: 'edit'; field: DraftField; value: string }
  | { type: 'setPriority'; priority: Priority }
  | { type: 'setKind'; kind: DossierKind }
  | { type: 'setOrigin'; origin: Origin }
  /** Shows a dossier that already exists (from the queue, the search or the repeat-caller panel). */
  | { type: 'load'; dossier: Dossier }
  | { type: 'saveStarted' }
  | { type: 'saveSucceeded'; dossier: Dossier }
  | { type: 'saveFailed'; error: CodedError };

export const closedDraft: DossierDraft = {
  open: false,
  callerPhone: '',
  motive: '',
  priority: null,
  kind: 'DRM',
  origin: '15',
  callId: null,
  status: 'idle',
  fieldErrors: {},
  error: null,
  saved: null,
};

const FIELDS: readonly DraftField[] = ['callerPhone', 'motive', 'priority'];

function withoutField(errors: DossierDraft['fieldErrors'], field: DraftField): DossierDraft['fieldErrors'] {
  const { [field]: _cleared, ...rest } = errors;
  return rest;
}

export function draftReducer(state: DossierDraft, action: DraftAction): DossierDraft {
  switch (action.type) {
    case 'open':
      return { ...closedDraft, open: true, callId: action.callId ?? null };
    case 'edit': {
      if (state.status === 'saving' || state.saved) return state;
      const { [action.field]: _cleared, ...fieldErrors } = state.fieldErrors;
      return { ...state, [action.field]: action.value, status: 'editing', fieldErrors };
    }
    case 'setPriority':
      if (state.status === 'saving' || state.saved) return state;
      return { ...state, priority: action.priority, status: 'editing', fieldErrors: withoutField(state.fieldErrors, 'priority') };
    case 'setKind':
      if (state.status === 'saving' || state.saved) return state;
      return { ...state, kind: action.kind, status: 'editing' };
    case 'setOrigin':
      if (state.status === 'saving' || state.saved) return state;
      return { ...state, origin: action.origin, status: 'editing' };
    case 'load': {
      const d = action.dossier;
      return { ...closedDraft, open: true, status: 'saved', saved: d, callerPhone: d.callerPhone ?? '', motive: d.motive, priority: d.priority, kind: d.kind, origin: d.origin };
    }
    case 'saveStarted':
      if (!state.open || state.status === 'saving' || state.saved) return state;
      if (state.motive.trim() === '' || state.priority === null) {
        const missing = { ...(state.motive.trim() === '' ? { motive: true as const } : {}), ...(state.priority === null ? { priority: true as const } : {}) };
        return { ...state, status: 'error', fieldErrors: { ...state.fieldErrors, ...missing }, error: null };
      }
      return { ...state, status: 'saving', error: null };
    case 'saveSucceeded':
      if (state.status !== 'saving') return state;
      return { ...state, status: 'saved', saved: action.dossier, fieldErrors: {}, error: null };
    case 'saveFailed': {
      if (state.status !== 'saving') return state;
      const field = FIELDS.find((f) => action.error.field === f);
      return { ...state, status: 'error', error: action.error, fieldErrors: field ? { ...state.fieldErrors, [field]: true } : state.fieldErrors };
    }
  }
}

/** Typed by the ARM and not yet in the journal: must never be thrown away silently. */
export function hasUnsavedWork(draft: DossierDraft): boolean {
  return draft.open && !draft.saved && (draft.callerPhone.trim() !== '' || draft.motive.trim() !== '');
}
