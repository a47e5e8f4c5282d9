import { describe, expect, it } from 'vitest';
import { HUB_STATE_STALE_MS, roomHubStatus } from '../../../../../electron/services/sync/roomHubStatus';
import type { HeardHub, SiteSync, SiteSyncStatus } from '../../../../../electron/services/sync/siteSync';
import type { SiteHubState } from '../../../../../shared/api/siteProtocol';

const T0 = Date.parse('2026-12-05T13:00:00.000Z');
const state: SiteHubState = {
  clientId: 'fr.health.samu690',
  holder: 'site-a',
  connected: true,
  since: '2026-12-05T12:00:00.000Z',
  lastError: null,
  waiting: 4,
  oldestWaitingAt: '2026-12-05T12:59:00.000Z',
  notRouted: 1,
  failed: 2,
  expired: 0,
  rejectedInbound: 5,
  at: '2026-12-05T13:00:00.000Z',
};

function siteOf(link: Partial<SiteSyncStatus>, heard: HeardHub, now: number): SiteSync {
  const status: SiteSyncStatus = { state: 'online', offlineSince: null, pending: 0, refused: 0, pulledPos: 0, head: 0, join: null, ...link };
  return { status: () => status, heardHub: () => heard, nowMs: () => now } as unknown as SiteSync;
}
const outbox = (toSite: number, oldest: string | null = null) => ({ awaitingSite: () => toSite, oldestAwaitingSite: () => oldest });

describe('the Hub status of a desk in a room', () => {
  it('is the site’s word while the link is up and the site keeps saying it; waiting adds what has not reached the site', () => {
    const s = roomHubStatus(siteOf({}, { state, heardAt: new Date(T0).toISOString() }, T0 + 5_000), outbox(2, '2026-12-05T12:58:00.000Z'));
    expect(s).toMatchObject({ configured: true, clientId: state.clientId, connected: true, waiting: 6, oldestWaitingAt: '2026-12-05T12:58:00.000Z', failed: 2, notRouted: 1, rejectedInbound: 5, fault: null });
    expect(s.room).toEqual({ stale: false, unknownSince: null, lastConnected: true, heardAt: new Date(T0).toISOString(), holder: 'site-a', toSite: 2, atSite: 4, siteLink: 'online', siteHasHub: true });
  });

  it('is stale since the moment the site went away: never read as connected, the last word kept', () => {
    const s = roomHubStatus(siteOf({ state: 'offline', offlineSince: '2026-12-05T13:02:00.000Z' }, { state, heardAt: new Date(T0).toISOString() }, T0 + 200_000), outbox(1));
    expect(s.connected).toBe(false);
    expect(s.room).toMatchObject({ stale: true, unknownSince: '2026-12-05T13:02:00.000Z', lastConnected: true, toSite: 1, atSite: 4 });
    expect(s.waiting).toBe(5);
  });

  it('is stale when the site stops saying it while its link stays up (its database away)', () => {
    const heardAt = new Date(T0).toISOString();
    expect(roomHubStatus(siteOf({}, { state, heardAt }, T0 + HUB_STATE_STALE_MS), outbox(0)).room!.stale).toBe(false);
    const silent = roomHubStatus(siteOf({}, { state, heardAt }, T0 + HUB_STATE_STALE_MS + 1), outbox(0));
    expect(silent.room).toMatchObject({ stale: true, unknownSince: heardAt });
    expect(silent.connected).toBe(false);
  });

  it('never heard: unknown; heard that the site has no Hub: not configured', () => {
    expect(roomHubStatus(siteOf({ state: 'connecting' }, { state: null, heardAt: null }, T0), outbox(0))).toMatchObject({ configured: true, connected: false, room: { stale: true, heardAt: null } });
    expect(roomHubStatus(siteOf({}, { state: null, heardAt: new Date(T0).toISOString() }, T0), outbox(3))).toMatchObject({ configured: false, waiting: 3, room: { stale: false, toSite: 3 } });
  });

  it('a site without a Hub says so once, at the welcome: still not configured, never stale, long after and with the site away', () => {
    const heardAt = new Date(T0).toISOString();
    const later = roomHubStatus(siteOf({}, { state: null, heardAt }, T0 + 10 * HUB_STATE_STALE_MS), outbox(1));
    expect(later).toMatchObject({ configured: false, connected: false, room: { stale: false, siteLink: 'online', siteHasHub: false } });
    const away = roomHubStatus(siteOf({ state: 'offline', offlineSince: '2026-12-05T13:02:00.000Z' }, { state: null, heardAt }, T0 + 10 * HUB_STATE_STALE_MS), outbox(1));
    expect(away).toMatchObject({ configured: false, room: { stale: true, siteLink: 'offline', siteHasHub: false } });
  });

  it('says how the site is reached and whether it has a Hub, so the screen can word each case', () => {
    const heardAt = new Date(T0).toISOString();
    expect(roomHubStatus(siteOf({ state: 'connecting' }, { state: null, heardAt: null }, T0), outbox(0)).room).toMatchObject({ siteLink: 'connecting', siteHasHub: null });
    expect(roomHubStatus(siteOf({}, { state, heardAt }, T0), outbox(0)).room).toMatchObject({ siteLink: 'online', siteHasHub: true });
    expect(roomHubStatus(siteOf({ state: 'offline', offlineSince: heardAt }, { state, heardAt }, T0), outbox(0)).room).toMatchObject({ siteLink: 'offline', siteHasHub: true, stale: true });
  });
});
