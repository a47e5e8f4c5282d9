import { ok } from '../../../shared/api/envelope';
import type { ApiServices } from './apiServices';
import type { HandlerRegistry } from './registry';

/** The supervisor's screen (shared/api/channels/indicators.ts). */
export function registerIndicatorHandlers(registry: HandlerRegistry, services: ApiServices): void {
  registry
    .method('indicators:report', (request) => services.indicators.report(request))
    .method('indicators:reportPdf', (request) => services.indicators.savePdf(request))
    .method('floor:status', () => ok(services.indicators.floor()));
}
