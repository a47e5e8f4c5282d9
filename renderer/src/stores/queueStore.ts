import { create } from 'zustand';
import type { ApiError } from '../../../shared/api/envelope';
import type { QueueEntry } from '../../../shared/domain/queue';
import type { QueueId } from '../../../shared/domain/routing';
import { backend } from '../api/backend';

interface QueueStore {
  entries: QueueEntry[];
  /** The branch shown; null: all branches. */
  view: QueueId | null;
  error: ApiError | null;
  /** The row chosen with ↓ ↑ in the list (Entrée takes it, for a physician). */
  selectedId: string | null;
  load(): Promise<void>;
  setView(view: QueueId | null): void;
  moveSelection(step: 1 | -1): void;
  selectEdge(edge: 'first' | 'last'): void;
}

export const useQueueStore = create<QueueStore>((set, get) => ({
  entries: [],
  view: null,
  error: null,
  selectedId: null,
  moveSelection(step) {
    const { entries, selectedId } = get();
    if (entries.length === 0) return;
    const at = entries.findIndex((e) => e.id === selectedId);
    const next = at === -1 ? (step === 1 ? 0 : entries.length - 1) : Math.min(Math.max(at + step, 0), entries.length - 1);
    set({ selectedId: entries[next]!.id });
  },
  selectEdge(edge) {
    const { entries } = get();
    const target = edge === 'first' ? entries[0] : entries.at(-1);
    if (target) set({ selectedId: target.id });
  },
  async load() {
    const view = get().view;
    const result = await backend.listQueue(view ? { queue: view } : {});
    set(result.ok ? { entries: result.value.entries, error: null } : { error: result.error });
  },
  setView(view) {
    set({ view });
    void get().load();
  },
}));
