import { v7 as uuidv7 } from 'uuid';
import { checkAction } from '../../../shared/domain/lifecycle';
import type { SiteAppointment } from '../../../shared/api/siteProtocol';
import type { Journal } from '../journal/journal';
import type { Appointment } from '../hub/inboundMessage';
import type { AppointmentToAttach } from '../hub/inbox';
import { dossierAppointmentOf } from '../hub/sasAppointment';
import type { SiteSync } from './siteSync';

/**
 * The SAS platform's appointments in a room (ROOM.md §3, §5): the site receives them (it is the
 * Hub client) and keeps the list; a desk asks it, whenever it joined, and leaves out those this
 * desk already sees attached (its own attach not yet at the site, or another desk's pulled here).
 * Attaching journals the dossier's record here at once; the site decides in site order, and a
 * desk that attached the same appointment later is told who had it (site.conflict).
 */
export async function roomAppointmentsToAttach(site: Pick<SiteSync, 'appointments'>, journal: Journal): Promise<{ entries: AppointmentToAttach[]; siteAnswered: boolean }> {
  const listed = await site.appointments();
  if (listed === null) return { entries: [], siteAnswered: false };
  const entries = listed.filter((a) => !journal.dossiers.appointmentByPlatformId(a.appointmentId)).map(toAttach);
  return { entries, siteAnswered: true };
}

function toAttach(a: SiteAppointment): AppointmentToAttach {
  const p = JSON.parse(a.payload) as Appointment;
  return {
    appointmentId: a.appointmentId,
    status: a.status,
    start: a.start,
    end: a.end,
    practitioner: p.practitioner ? `${p.practitioner.firstName} ${p.practitioner.lastName}` : (p.organization?.name ?? null),
    bookedAt: new Date(p.created).toISOString(),
    updatedAt: a.updatedAt,
  };
}

/**
 * Attaches one of the room's appointments to a dossier of this desk's: false when the site does
 * not list it (already attached elsewhere, or unknown), when the dossier may not take it, or
 * when this desk already sees it attached. The site's verdict follows with the sync.
 */
export async function attachRoomAppointment(
  site: Pick<SiteSync, 'appointments'>,
  journal: Journal,
  appointmentId: string,
  dossierId: string,
  actor: { id: string; role: string },
  onDossierChanged?: (dossierId: string, seq: number) => void,
): Promise<boolean> {
  const listed = (await site.appointments())?.find((a) => a.appointmentId === appointmentId);
  if (!listed) return false;
  const seq = journal.command((ctx) => {
    const dossier = ctx.dossiers.get(dossierId);
    if (!dossier || !checkAction(dossier, 'appointment', actor.role).ok) return null;
    if (ctx.dossiers.appointmentByPlatformId(appointmentId)) return null;
    const appointment = dossierAppointmentOf(uuidv7(), JSON.parse(listed.payload) as Appointment);
    return ctx.append({ dossierId, actor, body: { type: 'dossier.appointmentRecorded', payload: { appointment } } }).seq;
  });
  if (seq === null) return false;
  onDossierChanged?.(dossierId, seq);
  return true;
}
