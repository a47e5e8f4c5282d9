import { currentDecisions, needsSnpAppointment, type Decision } from './decision';
import type { Qualification } from './dossier';
import { QUEUES, type QueueId } from './routing';

/**
 * A GP appointment found for an SNP patient (DOMAIN §6). The OSNP records it by hand today;
 * the SAS platform will push the same thing as RS-SAS-RDV, keyed by its appointmentId, and its
 * later updates (fulfilled, no-show, cancelled) apply to the record with that id.
 */
export const APPOINTMENT_CATEGORIES = ['AMB', 'HH', 'VR'] as const; // cabinet, home visit, video (SAS FHIR)
export type AppointmentCategory = (typeof APPOINTMENT_CATEGORIES)[number];

export const APPOINTMENT_STATUSES = ['BOOKED', 'FULFILLED', 'NOSHOW', 'CANCELLED'] as const;
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number];

export interface Appointment {
  id: string;
  /** The SAS platform's id (RS-SAS-RDV), when it came from there or was matched to it. */
  appointmentId: string | null;
  practitioner: string;
  place: string;
  startsAt: string;
  category: AppointmentCategory;
  status: AppointmentStatus;
  recordedAt: string;
  authorId: string;
  authorRole: string;
}

/** The 48 h promise runs from the call (the dossier's creation). */
export const SNP_APPOINTMENT_DELAY_MS = 48 * 3_600_000;

export interface OsnpSubject {
  createdAt: string;
  queue: QueueId | null;
  qualification: Pick<Qualification, 'filiere'>;
  decisions: readonly Decision[];
  appointments: readonly Appointment[];
}

export function isSnpDossier(d: Pick<OsnpSubject, 'queue' | 'qualification'>): boolean {
  return d.qualification.filiere === 'SNP' || (d.queue !== null && QUEUES[d.queue].filiere === 'SNP');
}

/** Whether the dossier waits in the OSNP list: SNP, oriented to a GP office, no live appointment yet. */
export function awaitsAppointment(d: OsnpSubject): boolean {
  return (
    isSnpDossier(d) &&
    currentDecisions(d.decisions).some(needsSnpAppointment) &&
    !d.appointments.some((a) => a.status === 'BOOKED' || a.status === 'FULFILLED')
  );
}

export function appointmentDeadline(d: Pick<OsnpSubject, 'createdAt'>): number {
  return Date.parse(d.createdAt) + SNP_APPOINTMENT_DELAY_MS;
}

/** An appointment must start within the 48 h window of the call to keep the promise. */
export function withinPromise(d: Pick<OsnpSubject, 'createdAt'>, startsAt: string): boolean {
  return Date.parse(startsAt) <= appointmentDeadline(d);
}

/**
 * An appointment starting after the 48 h window (DOMAIN §6) is still recorded — it is what the
 * patient has — but shown "hors délai 48 h" wherever it appears (OSNP screen, report). A
 * cancelled appointment or a no-show is not flagged: it no longer stands for the promise.
 */
export function beyondPromise(d: Pick<OsnpSubject, 'createdAt'>, a: Pick<Appointment, 'startsAt' | 'status'>): boolean {
  return (a.status === 'BOOKED' || a.status === 'FULFILLED') && !withinPromise(d, a.startsAt);
}
