import { fail, ok } from '../../../shared/api/envelope';
import { UNCONFIGURED_STATUS } from '../hub/hubService';
import { dossierTransmissions } from '../hub/transmissions';
import { roomHubStatus } from '../sync/roomHubStatus';
import { roomTransmissions } from '../sync/roomTransmissions';
import { attachRoomAppointment, roomAppointmentsToAttach } from '../sync/roomAppointments';
import { refusedWrite } from '../dossiers/dossierGuard';
import type { ApiServices } from './apiServices';
import type { HandlerRegistry } from './registry';

/** Hub Santé and SAS (shared/api/channels/hub.ts). */
export function registerHubHandlers(registry: HandlerRegistry, services: ApiServices): void {
  registry
    .method('hub:status', () => ok(services.hub?.status() ?? (services.site ? roomHubStatus(services.site, services.journal.outbox) : UNCONFIGURED_STATUS)))
    .method('hub:setPassphrase', (request) => (services.hub ? services.hub.setPassphrase(request.passphrase) : fail('E_UNAVAILABLE', 'no Hub Santé link configured on this workstation')))
    .method('hub:inboxProblems', (request) => ok(services.hub?.inbox.rejected(request.limit) ?? { total: 0, messages: [] }))
    .method('sas:appointmentsToAttach', () => {
      // In a room the site receives the platform's appointments: the list is the room's, asked of it.
      if (services.site) return roomAppointmentsToAttach(services.site, services.journal).then(({ entries, siteAnswered }) => ok({ entries, room: { siteAnswered } }));
      return ok({ entries: services.hub?.inbox.appointmentsToAttach() ?? [], room: null });
    })
    .method('sas:attachAppointment', (request) => {
      const refused = refusedWrite(services.journal.dossiers, request.dossierId, 'appointment', services.auth.actor().role);
      if (refused) return refused;
      if (services.site) {
        return attachRoomAppointment(services.site, services.journal, request.appointmentId, request.dossierId, services.auth.actor(), services.dossierChanged).then((attached) => ok({ attached }));
      }
      return ok({ attached: services.hub?.inbox.attachAppointment(request.appointmentId, request.dossierId, services.auth.actor()) ?? false });
    })
    .method('dossier:sharePreview', (request) => services.shares.preview(request))
    .method('dossier:share', (request) => services.shares.share(request))
    .method('dossier:transmissions', (request) => {
      if (!services.journal.dossiers.get(request.dossierId)) return fail('E_NOT_FOUND', `dossier ${request.dossierId} does not exist`, 'dossierId');
      if (services.site) {
        const site = services.site;
        return roomTransmissions(site, services.journal.outbox, request.dossierId).then(({ transmissions, siteAnswered }) => ok({ transmissions, room: { siteAnswered } }));
      }
      return ok({ transmissions: dossierTransmissions(services.journal.outbox, request.dossierId), room: null });
    });
}
