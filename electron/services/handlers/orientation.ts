import { ok } from '../../../shared/api/envelope';
import type { ApiServices } from './apiServices';
import type { HandlerRegistry } from './registry';

/** The pharmacy on duty, the practitioners' directory and the reference packs' ages (shared/api/channels/orientation.ts). */
export function registerOrientationHandlers(registry: HandlerRegistry, services: ApiServices): void {
  const { pharmacies, practitioners, slots } = services;
  registry
    .method('pharmacy:onDuty', (request) => pharmacies.onDuty(request))
    .method('pharmacy:choose', (request) => pharmacies.choose(request))
    .method('slots:search', (request) => slots.search(request))
    .method('practitioners:lookup', (request) => practitioners.lookup(request))
    .method('packs:status', () => ok({ ages: pharmacies.ages() }));
}
