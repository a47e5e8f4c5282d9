import { SNP_APPOINTMENT_DELAY_MS } from './appointment';
import { nameKey } from './nameKey';

/** A SAS appointment pushed by the platform (RS-SAS-RDV) that no dossier claims yet. */
export interface UnclaimedAppointment {
  start: string;
  /** When the platform booked it (its `created`), else when we received it. */
  bookedAt: string;
  /** Patient details, when the platform sends any (the RS-SAS-RDV model carries none today). */
  patientPhone?: string | null;
  patientName?: string | null;
}

/** An SNP dossier waiting for its appointment (an `osnp:list` entry). */
export interface AwaitingDossier {
  dossierId: string;
  callerPhone: string | null;
  patientName?: string | null;
  createdAt: string;
}

export type MatchReason = 'phone' | 'name' | 'time';

export interface AttachSuggestion {
  dossierId: string;
  reasons: MatchReason[];
  /** |booking − call|, ms: how far apart in time. */
  distanceMs: number;
}

/** Booked at most this long before the call still counts (clocks, a booking typed while on the phone). */
const BOOKED_BEFORE_CALL_MS = 15 * 60_000;

/** The national part of a phone number (last nine digits): "06 12…" and "+33 6 12…" match. */
function phoneKey(phone: string | null | undefined): string | null {
  const digits = (phone ?? '').replace(/\D/g, '');
  return digits.length >= 9 ? digits.slice(-9) : null;
}

function nameMatches(a: string | null | undefined, b: string | null | undefined): boolean {
  if (!a || !b) return false;
  const ka = nameKey(a);
  const kb = nameKey(b);
  if (ka === '' || kb === '') return false;
  // "MARTIN" matches "MARTIN LEO": a word of one is the whole of the other.
  const wa = new Set(ka.split(' '));
  return ka === kb || kb.split(' ').every((w) => wa.has(w)) || [...wa].every((w) => kb.split(' ').includes(w));
}

/**
 * Dossiers an unclaimed SAS appointment may belong to, best first: same phone, then same patient
 * name, then those whose call came in the 48 h before the booking (a dossier called after the
 * booking cannot be its origin). Within a rank, nearest in time first. Pure: the OSNP chooses.
 */
export function suggestDossiers(appointment: UnclaimedAppointment, candidates: readonly AwaitingDossier[], limit = 5): AttachSuggestion[] {
  const booked = Date.parse(appointment.bookedAt);
  const phone = phoneKey(appointment.patientPhone);
  const scored = candidates.flatMap((d) => {
    const reasons: MatchReason[] = [];
    if (phone !== null && phoneKey(d.callerPhone) === phone) reasons.push('phone');
    if (nameMatches(appointment.patientName, d.patientName)) reasons.push('name');
    const gap = booked - Date.parse(d.createdAt);
    if (gap >= -BOOKED_BEFORE_CALL_MS && gap <= SNP_APPOINTMENT_DELAY_MS) reasons.push('time');
    if (reasons.length === 0) return [];
    return [{ dossierId: d.dossierId, reasons, distanceMs: Math.abs(gap) }];
  });
  const rank = (s: AttachSuggestion) => (s.reasons.includes('phone') ? 0 : s.reasons.includes('name') ? 1 : 2);
  return scored
    .sort((a, b) => rank(a) - rank(b) || a.distanceMs - b.distanceMs || (a.dossierId < b.dossierId ? -1 : 1))
    .slice(0, limit);
}
