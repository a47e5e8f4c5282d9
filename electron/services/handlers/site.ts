import { ok } from '../../../shared/api/envelope';
import { siteStatusView } from '../sync/siteStatusView';
import type { ApiServices } from './apiServices';
import type { HandlerRegistry } from './registry';

/** The room's link (shared/api/channels/site.ts). */
export function registerSiteHandlers(registry: HandlerRegistry, services: ApiServices): void {
  registry.method('site:status', () => ok(siteStatusView(services.site, services.journal, services.config.workstationId)));
}
