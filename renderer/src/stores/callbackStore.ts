import { create } from 'zustand';
import type { ResponseOf } from '../../../shared/api/contract';
import type { ApiError } from '../../../shared/api/envelope';
import type { AttemptOutcome } from '../../../shared/domain/callbacks';
import { backend } from '../api/backend';
import { useCallStore } from './callStore';

type Callback = ResponseOf<'callback:list'>['entries'][number];

interface CallbackStore {
  entries: Callback[];
  error: ApiError | null;
  load(): Promise<void>;
  record(callbackId: string, outcome: AttemptOutcome): Promise<void>;
  /** The row chosen in the list (↓ ↑), which Entrée and the palette dial. */
  selected: number;
  select(index: number): void;
  /** Calls the selected callback's number, the call attached to its dossier when it has one. */
  dialSelected(): Promise<void>;
  /** The operator starts calling back: the room's other desks show it. Answers whether the claim held. */
  claim(callbackId: string): Promise<boolean>;
  /** A call-back promised to the caller of this dossier (on its callback number). */
  request(dossierId: string): Promise<void>;
}

/** The callback list: lost calls, deferred regulations and requested call-backs. */
export const useCallbackStore = create<CallbackStore>((set, get) => ({
  entries: [],
  error: null,
  selected: 0,
  select(index) {
    set((s) => ({ selected: Math.max(0, Math.min(index, s.entries.length - 1)) }));
  },
  async dialSelected() {
    const { entries, selected } = get();
    const callback = entries[Math.min(selected, entries.length - 1)];
    if (!callback?.phone) return;
    // Dialling is calling back: in a room the other desks see it, and a callback another operator is calling is not dialled twice.
    if (!(await get().claim(callback.id))) return;
    await useCallStore.getState().place({ target: { kind: 'external', number: callback.phone }, ...(callback.dossierId ? { dossierId: callback.dossierId } : {}) });
  },
  async claim(callbackId) {
    const result = await backend.claimCallback({ callbackId });
    if (!result.ok) {
      set({ error: result.error });
      return false;
    }
    await get().load();
    return true;
  },
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
