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
  load(): Promise<void>;
  setView(view: QueueId | null): void;
}

export const useQueueStore = create<QueueStore>((set, get) => ({
  entries: [],
  view: null,
  error: null,
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
  },
  setHub(hub) {
    set({ hub });
  },
}));
