import type { ApiServices } from './apiServices';
import type { HandlerRegistry } from './registry';

/** Decisions, the closing interlock, reports, appointments, callbacks (shared/api/channels/regulation.ts). */
export function registerRegulationHandlers(registry: HandlerRegistry, services: ApiServices): void {
  const { regulation, reports, callbacks } = services;
  registry
    .method('dossier:take', (request) => regulation.take(request))
    .method('dossier:addDecision', (request) => regulation.addDecision(request))
    .method('dossier:finish', (request) => regulation.finish(request))
    .method('dossier:validate', (request) => regulation.validate(request))
    .method('dossier:report', (request) => reports.report(request.dossierId))
    .method('dossier:reportPdf', (request) => reports.savePdf(request.dossierId))
    .method('appointment:record', (request) => regulation.recordAppointment(request))
    .method('osnp:list', () => regulation.osnpList())
    .method('callback:list', (request) => callbacks.list(request))
    .method('callback:claim', (request) => callbacks.claim(request))
    .method('callback:recordAttempt', (request) => callbacks.recordAttempt(request))
    .method('callback:request', (request) => callbacks.request(request));
}
