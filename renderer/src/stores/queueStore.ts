import { create } from 'zustand';
import type { ResponseOf } from '../../../shared/api/contract';
import type { ApiError } from '../../../shared/api/envelope';
import type { QueueEntry } from '../../../shared/domain/queue';
import { backend } from '../api/backend';

interface QueueStore {
  entries: QueueEntry[];
  error: ApiError | null;
  load(): Promise<void>;
}

export const useQueueStore = create<QueueStore>((set) => ({
  entries: [],
  error: null,
  async load() {
    const result = await backend.listQueue();
    set(result.ok ? { entries: result.value.entries, error: null } : { error: result.error });
  },
}));

interface StatusStore {
  workstation: ResponseOf<'workstation:info'> | null;
  journal: ResponseOf<'journal:status'> | null;
  load(): Promise<void>;
}

/** Workstation identity and journal health, shown in the top bar. */
export const useStatusStore = create<StatusStore>((set) => ({
  workstation: null,
  journal: null,
  async load() {
    const [workstation, journal] = await Promise.all([backend.workstationInfo(), backend.journalStatus()]);
    set({ workstation: workstation.ok ? workstation.value : null, journal: journal.ok ? journal.value : null });
  },
}));
