import { create } from 'zustand';
import type { ResponseOf } from '../../../shared/api/contract';
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

interface StatusStore {
  workstation: ResponseOf<'workstation:info'> | null;
  journal: ResponseOf<'journal:status'> | null;
  /** Hub Santé link, refreshed by the services' pushed event. */
  hub: ResponseOf<'hub:status'> | null;
  load(): Promise<void>;
  setHub(hub: ResponseOf<'hub:status'>): void;
}

/** Workstation identity and journal health, shown in the top bar. */
export const useStatusStore = create<StatusStore>((set) => ({
  workstation: null,
  journal: null,
  hub: null,
  async load() {
    const [workstation, journal, hub] = await Promise.all([backend.workstationInfo(), backend.journalStatus(), backend.hubStatus()]);
    set({ workstation: workstation.ok ? workstation.value : null, journal: journal.ok ? journal.value : null, hub: hub.ok ? hub.value : null });
    // The first walk of a large journal goes in slices: ask again until it has reached the end.
    if (journal.ok && journal.value.chainValid && !journal.value.chainComplete) setTimeout(() => void useStatusStore.getState().load(), 2000);
  },
  setHub(hub) {
    set({ hub });
  },
}));
