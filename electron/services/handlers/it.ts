import { ok } from '../../../shared/api/envelope';
import type { ApiServices } from './apiServices';
import type { HandlerRegistry } from './registry';

/** The update on offer and the configuration's sources (shared/api/channels/it.ts). */
export function registerItHandlers(registry: HandlerRegistry, services: ApiServices): void {
  registry
    .method('update:status', () => ok(services.updates.status()))
    .method('update:apply', (request) => services.updates.apply(request))
    .method('workstation:config', () => ok(services.provenance));
}
