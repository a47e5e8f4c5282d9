import { fail, ok } from '../../../shared/api/envelope';
import { UNCONFIGURED_STATUS } from '../hub/hubService';
import { dossierTransmissions } from '../hub/transmissions';
import type { ApiServices } from './apiServices';
import type { HandlerRegistry } from './registry';

/** Hub Santé and SAS (shared/api/channels/hub.ts). */
export function registerHubHandlers(registry: HandlerRegistry, services: ApiServices): void {
  registry
    .method('hub:status', () => ok(services.hub?.status() ?? UNCONFIGURED_STATUS))
    .method('hub:inboxProblems', (request) => ok(services.hub?.inbox.rejected(request.limit) ?? { total: 0, messages: [] }))
    .method('sas:appointmentsToAttach', () => ok({ entries: services.hub?.inbox.appointmentsToAttach() ?? [] }))
    .method('sas:attachAppointment', (request) => {
      if (!services.journal.dossiers.get(request.dossierId)) return fail('E_NOT_FOUND', `dossier ${request.dossierId} does not exist`, 'dossierId');
      return ok({ attached: services.hub?.inbox.attachAppointment(request.appointmentId, request.dossierId, services.auth.actor()) ?? false });
    })
    .method('dossier:transmissions', (request) => {
      if (!services.journal.dossiers.get(request.dossierId)) return fail('E_NOT_FOUND', `dossier ${request.dossierId} does not exist`, 'dossierId');
      return ok({ transmissions: dossierTransmissions(services.journal.outbox, request.dossierId) });
    });
}
