import { ok } from '../../../shared/api/envelope';
import { PENDING_COUNT_CAP } from '../journal/journal';
import type { ApiServices } from './apiServices';
import type { HandlerRegistry } from './registry';

/** About 20 ms of hashing: what one status request or one background slice may spend. */
export const CHAIN_SLICE_EVENTS = 5_000;

/** The journal's health and the site's identity (shared/api/channels/workstation.ts). */
export function registerWorkstationHandlers(registry: HandlerRegistry, services: ApiServices): void {
  registry
    .method('journal:status', () => {
      // Bounded, so a status request never waits for the first walk of millions of events.
      const chain = services.journal.verifyIncrementally(CHAIN_SLICE_EVENTS);
      return ok({
        path: services.journal.path,
        events: chain.events,
        lastSeq: chain.lastSeq,
        chainValid: chain.ok,
        brokenAt: chain.brokenAt,
        problem: chain.problem,
        chainComplete: chain.complete,
        // In a room, "not yet transmitted" is this desk's messages not yet at the site plus what the
        // site holds unacknowledged by the Hub (as last heard); capped like a desk's own count.
        pendingOutbox: Math.min(PENDING_COUNT_CAP, services.journal.pendingOutbox() + (services.site?.heardHub().state?.waiting ?? 0)),
        pendingOutboxCap: PENDING_COUNT_CAP,
      });
    })
    .method('workstation:info', () =>
      ok({
        siteCode: services.config.siteCode,
        siteName: services.config.siteName,
        departement: services.config.departement,
        workstationId: services.config.workstationId,
        timeZone: services.config.timeZone,
        queueLimitsMinutes: services.config.queueLimitsMinutes,
        autoLockMinutes: services.config.autoLockMinutes,
        sasSearch: services.config.sas,
        firstAdminCommand: services.firstAdminCommand,
        language: services.languageChoice.get() ?? services.config.language,
        configuredLanguage: services.config.language,
      }),
    )
    .method('workstation:setLanguage', (request) => {
      services.languageChoice.set(request.language);
      return ok({ language: request.language });
    });
}
