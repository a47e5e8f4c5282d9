import type { ResponseOf } from '../../shared/api/contract';

/**
 * A room desk's Hub status as the site tells it (three waiting: one not at the site yet, two
 * there), live; a test overrides what its case changes.
 */
export function roomHubStatus(room: Partial<NonNullable<ResponseOf<'hub:status'>['room']>> = {}, top: Partial<ResponseOf<'hub:status'>> = {}): ResponseOf<'hub:status'> {
  return {
    configured: true,
    clientId: 'fr.health.samu690',
    connected: true,
    since: '2026-12-05T12:40:00.000Z',
    lastError: null,
    waiting: 3,
    oldestWaitingAt: '2026-12-05T12:58:00.000Z',
    notRouted: 0,
    failed: 0,
    expired: 0,
    rejectedInbound: 0,
    fault: null,
    ...top,
    room: { stale: false, unknownSince: null, lastConnected: true, heardAt: '2026-12-05T13:01:00.000Z', holder: 'site-a', toSite: 1, atSite: 2, siteLink: 'online', siteHasHub: true, ...room },
  };
}
