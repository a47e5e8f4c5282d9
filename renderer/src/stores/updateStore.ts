import { create } from 'zustand';
import type { ResponseOf } from '../../../shared/api/contract';
import type { ApiError } from '../../../shared/api/envelope';
import { hasUnsavedWork } from '../../../shared/domain/dossierDraft';
import { backend } from '../api/backend';
import { useCallStore } from './callStore';
import { useDraftStore } from './draftStore';

type UpdateStatus = ResponseOf<'update:status'>;

interface UpdateStore {
  status: UpdateStatus | null;
  error: ApiError | null;
  load(): Promise<void>;
  set(status: UpdateStatus): void;
  apply(): Promise<void>;
}

/** Calls up or typed work not saved: the update waits (the services check the calls again). */
export function updateWaitsFor(): 'call' | 'dossier' | null {
  if (useCallStore.getState().list.calls.some((call) => call.state !== 'ended')) return 'call';
  if (hasUnsavedWork(useDraftStore.getState().draft)) return 'dossier';
  return null;
}

export function updateApplicable(status: UpdateStatus | null): boolean {
  return status?.state === 'ready' && status.canInstall && updateWaitsFor() === null;
}

export const useUpdateStore = create<UpdateStore>((set) => ({
  status: null,
  error: null,
  async load() {
    const result = await backend.updateStatus();
    if (result.ok) set({ status: result.value });
  },
  set(status) {
    set({ status });
  },
  async apply() {
    const result = await backend.applyUpdate({ unsavedWork: hasUnsavedWork(useDraftStore.getState().draft) });
    set(result.ok ? { status: result.value, error: null } : { error: result.error });
  },
}));
