import type { Appointment as DossierAppointment, AppointmentStatus } from '../../../shared/domain/appointment';
import type { Appointment as SasAppointment } from './inboundMessage';

/** RS-SAS-RDV status → the dossier's appointment status. */
const STATUS: Record<string, AppointmentStatus> = { booked: 'BOOKED', fulfilled: 'FULFILLED', noshow: 'NOSHOW', cancelled: 'CANCELLED' };

export function appointmentStatusOf(status: string): AppointmentStatus {
  return STATUS[status] ?? 'BOOKED';
}

/**
 * What the dossier keeps of an appointment the SAS platform pushed (RS-SAS-RDV): who, when, and
 * its platform id (later updates are applied by it). The platform does not say cabinet, home
 * visit or video: a GP's office (AMB) unless told otherwise.
 */
export function dossierAppointmentOf(id: string, sas: SasAppointment): Omit<DossierAppointment, 'recordedAt' | 'authorId' | 'authorRole'> {
  const practitioner = sas.practitioner ? `${sas.practitioner.firstName ?? ''} ${sas.practitioner.lastName ?? ''}`.trim() : null;
  const organisation = (sas as { organization?: { name?: string } }).organization?.name ?? null;
  return {
    id,
    appointmentId: sas.appointmentId,
    practitioner: (practitioner || organisation || 'praticien non précisé').slice(0, 200),
    place: (organisation ?? 'lieu non précisé (plateforme SAS)').slice(0, 300),
    startsAt: new Date(sas.start).toISOString(),
    category: 'AMB',
    status: appointmentStatusOf(sas.status),
  };
}

/**
 * What an RS-SAS-RDV update changes on an appointment already attached to a dossier: the status,
 * the slot's time (SAS guide: "changement horaire du créneau") and the practitioner or structure
 * (a replacement, or one named only now); null when nothing the dossier shows has changed.
 */
export function appointmentChangeOf(current: DossierAppointment, sas: SasAppointment): ({ status: AppointmentStatus } & Partial<Pick<DossierAppointment, 'startsAt' | 'practitioner' | 'place'>>) | null {
  const next = dossierAppointmentOf(current.id, sas);
  const named = Boolean(sas.practitioner) || Boolean((sas as { organization?: unknown }).organization);
  const change = {
    status: next.status,
    ...(next.startsAt !== current.startsAt ? { startsAt: next.startsAt } : {}),
    ...(named && next.practitioner !== current.practitioner ? { practitioner: next.practitioner } : {}),
    ...((sas as { organization?: unknown }).organization && next.place !== current.place ? { place: next.place } : {}),
  };
  return change.status !== current.status || Object.keys(change).length > 1 ? change : null;
}
