import { create } from 'zustand';
import type { ResponseOf } from '../../../shared/api/contract';
import { backend } from '../api/backend';

interface StatusStore {
  workstation: ResponseOf<'workstation:info'> | null;
  journal: ResponseOf<'journal:status'> | null;
  /** Hub Santé link, refreshed by the services' pushed event. */
  hub: ResponseOf<'hub:status'> | null;
  /** The room's link (null until read; `configured: false` on a standalone desk). */
  site: ResponseOf<'site:status'> | null;
  load(): Promise<void>;
  setHub(hub: ResponseOf<'hub:status'>): void;
  setSite(site: ResponseOf<'site:status'>): void;
}

/**
 * Site statuses pushed since a load began: a load's answer read before the last push must not
 * overwrite it (a join's end would otherwise stay unseen until the next change).
 */
let sitePushes = 0;

/** Workstation identity and journal health, shown in the top bar. */
export const useStatusStore = create<StatusStore>((set) => ({
  workstation: null,
  journal: null,
  hub: null,
  site: null,
  async load() {
    const pushesBefore = sitePushes;
    const [workstation, journal, hub] = await Promise.all([backend.workstationInfo(), backend.journalStatus(), backend.hubStatus()]);
    set({ workstation: workstation.ok ? workstation.value : null, journal: journal.ok ? journal.value : null, hub: hub.ok ? hub.value : null });
    // The first walk of a large journal goes in slices: ask again until it has reached the end.
    if (journal.ok && journal.value.chainValid && !journal.value.chainComplete) setTimeout(() => void useStatusStore.getState().load(), 2000);
    const site = await backend.siteStatus();
    if (sitePushes === pushesBefore) set({ site: site.ok ? site.value : null });
  },
  setSite(site) {
    sitePushes += 1;
    set({ site });
  },
  setHub(hub) {
    set({ hub });
  },
}));
