import { distanceMetres } from './lambert93';

/**
 * Free GP slots within 48 h (issue 14), as the SAS platform finds them: by asking the agenda
 * software of the territory through the SAS FHIR contract. Pure rules: the query, the ranking.
 */

/** OID of the RPPS identifiers (schedule.actor:Practitioner.identifier). */
export const RPPS_OID = 'urn:oid:1.2.250.1.71.4.2.1';
/** The SAS contract gives an agenda this long to answer. */
export const AGENDA_TIMEOUT_MS = 7000;
export const SLOT_WINDOW_MS = 48 * 3_600_000;

/** Slot type (meta.security, TRE_R314): who may book it. */
export type SlotVisibility = 'PUBLIC' | 'PRO' | 'SNP';
/** Consultation type (serviceType, v3 ActCode): office, home visit, video. */
export type ConsultationType = 'AMB' | 'HH' | 'VR';

export interface FreeSlot {
  /** The agenda endpoint's name, as IT configured it. */
  endpoint: string;
  slotId: string;
  start: string;
  end: string | null;
  practitioner: string;
  rpps: string | null;
  specialties: string[];
  place: string;
  phone: string | null;
  lat: number | null;
  lon: number | null;
  visibility: SlotVisibility[];
  consultation: ConsultationType[];
  /** The agenda's booking page for this slot (Slot.comment); null when absent or not https. */
  bookingUrl: string | null;
}

export interface RankedSlot extends FreeSlot {
  distanceMetres: number | null;
}

/**
 * `GET [base]/Slot?...` exactly as the SAS contract writes it: the slot with its schedule and the
 * schedule's actors included, free slots starting within the window, for these practitioners.
 */
export function slotSearchUrl(baseUrl: string, fromMs: number, toMs: number, practitioners: readonly string[]): string {
  const base = baseUrl.replace(/\/+$/, '');
  const params = [
    '_include=Slot:schedule',
    '_include:iterate=Schedule:actor',
    `start=ge${encodeURIComponent(new Date(fromMs).toISOString())}`,
    `start=le${encodeURIComponent(new Date(toMs).toISOString())}`,
    ...(practitioners.length > 0 ? [`schedule.actor:Practitioner.identifier=${practitioners.map((p) => encodeURIComponent(`${RPPS_OID}|${p}`)).join(',')}`] : []),
    'status=free',
  ];
  return `${base}/Slot?${params.join('&')}`;
}

/** Soonest first; at the same time, nearest first (those without a position after). */
export function rankSlots(slots: readonly FreeSlot[], from: { lat: number; lon: number } | null): RankedSlot[] {
  return slots
    .map((s) => ({ ...s, distanceMetres: from && s.lat !== null && s.lon !== null ? Math.round(distanceMetres(from, { lat: s.lat, lon: s.lon })) : null }))
    .sort((a, b) => Date.parse(a.start) - Date.parse(b.start) || (a.distanceMetres ?? Infinity) - (b.distanceMetres ?? Infinity) || a.slotId.localeCompare(b.slotId));
}

/** An agenda may answer beyond what was asked: only slots starting within the window are shown. */
export function withinWindow(slot: FreeSlot, fromMs: number, toMs: number): boolean {
  const start = Date.parse(slot.start);
  return Number.isFinite(start) && start >= fromMs && start <= toMs;
}
