import { create } from 'zustand';
import type { ResponseOf } from '../../../shared/api/contract';
import type { ApiError } from '../../../shared/api/envelope';
import type { AttemptOutcome } from '../../../shared/domain/callbacks';
import { backend } from '../api/backend';

type Callback = ResponseOf<'callback:list'>['entries'][number];

interface CallbackStore {
  entries: Callback[];
  error: ApiError | null;
  load(): Promise<void>;
  record(callbackId: string, outcome: AttemptOutcome): Promise<void>;
  /** A call-back promised to the caller of this dossier (on its callback number). */
  request(dossierId: string): Promise<void>;
}

/** The callback list: lost calls, deferred regulations and requested call-backs. */
export const useCallbackStore = create<CallbackStore>((set, get) => ({
  entries: [],
  error: null,
  async load() {
    const result = await backend.listCallbacks({});
    set(result.ok ? { entries: result.value.entries, error: null } : { error: result.error });
  },
  async request(dossierId) {
    const result = await backend.requestCallback({ dossierId });
    if (!result.ok) return set({ error: result.error });
    await get().load();
  },
  async record(callbackId, outcome) {
    const result = await backend.recordCallbackAttempt({ callbackId, outcome });
    if (!result.ok) return set({ error: result.error });
    await get().load();
  },
}));
