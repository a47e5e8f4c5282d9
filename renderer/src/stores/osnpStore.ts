import { create } from 'zustand';
import type { ResponseOf } from '../../../shared/api/contract';
import type { ApiError } from '../../../shared/api/envelope';
import { beyondPromise, type AppointmentCategory } from '../../../shared/domain/appointment';
import { parseDateEntry } from '../../../shared/domain/dateEntry';
import { backend } from '../api/backend';

type Entry = ResponseOf<'osnp:list'>['entries'][number];
type Beyond = ResponseOf<'osnp:list'>['beyondPromise'][number];

interface OsnpStore {
  entries: Entry[];
  /** Appointments recorded beyond the 48 h window, kept and shown "hors délai 48 h". */
  beyond: Beyond[];
  selected: string | null;
  error: ApiError | null;
  saved: { practitioner: string; startsAt: string; beyondPromise: boolean } | null;
  load(): Promise<void>;
  select(dossierId: string | null): void;
  /** startsAt as typed (JJ/MM/AAAA HH:MM and the usual short forms) on the site's clock (timeZone), never the workstation's. */
  record(input: { practitioner: string; place: string; startsAt: string; category: AppointmentCategory; timeZone: string }): Promise<boolean>;
}

/** The OSNP's list: SNP patients oriented to a GP office, 48 h deadline first. */
export const useOsnpStore = create<OsnpStore>((set, get) => ({
  entries: [],
  beyond: [],
  selected: null,
  error: null,
  saved: null,
  async load() {
    const result = await backend.listOsnp();
    set(result.ok ? { entries: result.value.entries, beyond: result.value.beyondPromise, error: null } : { error: result.error });
  },
  select: (selected) => set({ selected, saved: null, error: null }),
  async record(input) {
    const dossierId = get().selected;
    if (!dossierId) return false;
    const entry = get().entries.find((e) => e.dossierId === dossierId);
    const typed = parseDateEntry(input.startsAt, new Date(), input.timeZone);
    if (!typed.ok) {
      set({ error: { code: 'E_BAD_REQUEST', message: `startsAt: ${typed.problem}`, field: 'startsAt' } });
      return false;
    }
    const startsAt = typed.instant;
    const result = await backend.recordAppointment({ dossierId, practitioner: input.practitioner, place: input.place, category: input.category, startsAt: startsAt.toISOString() });
    if (!result.ok) {
      set({ error: result.error });
      return false;
    }
    const beyond = entry ? beyondPromise(entry, { startsAt: startsAt.toISOString(), status: 'BOOKED' }) : false;
    set({ saved: { practitioner: input.practitioner, startsAt: startsAt.toISOString(), beyondPromise: beyond }, selected: null, error: null });
    await get().load();
    return true;
  },
}));
