import { ok } from '../../../shared/api/envelope';
import type { ApiServices } from './apiServices';
import type { HandlerRegistry } from './registry';

/** Typing and routing a dossier (shared/api/channels/dossier.ts). */
export function registerDossierHandlers(registry: HandlerRegistry, services: ApiServices): void {
  const { dossiers } = services;
  registry
    .method('dossier:create', (request) => dossiers.create(request))
    .method('dossier:setPriority', (request) => dossiers.setPriority(request))
    .method('dossier:get', (request) => dossiers.get(request))
    .method('dossier:updateCaller', (request) => dossiers.updateCaller(request))
    .method('dossier:upsertPatient', (request) => dossiers.upsertPatient(request))
    .method('dossier:updateQualification', (request) => dossiers.updateQualification(request))
    .method('dossier:addNote', (request) => dossiers.addNote(request))
    .method('dossier:link', (request) => dossiers.link(request))
    .method('dossier:callerHistory', (request) => dossiers.callerHistory(request))
    .method('dossier:route', (request) => dossiers.route(request))
    .method('dossier:setLocation', (request) => dossiers.setLocation(request))
    .method('dossier:setManualLocation', (request) => services.manualLocations.set(request))
    .method('dossier:search', (request) => dossiers.search(request))
    .method('address:search', async (request) => ok(await services.addresses.search(request.query, request.limit)))
    .method('address:communes', (request) => services.manualLocations.communes(request))
    .method('queue:list', (request) => dossiers.queue(request.queue));
}
