import type { SyncStatus } from '../hub/hubService';
import type { OutboxBookkeeping } from '../journal/queries/outbox';
import type { SiteSync } from './siteSync';

/**
 * How long the site's word on the Hub stays current without being said again: the site re-tells
 * it every 10 s (siteServer.ts), so three missed tellings mean the site has stopped knowing
 * (its database away) even though the link to it is up.
 */
export const HUB_STATE_STALE_MS = 30_000;

/**
 * The Hub Santé status of a desk in a room (ROOM.md §5): the site is the SAMU's Hub client, so
 * the link is the site's as it last said it — marked stale, with since when, once the site is
 * away or silent — and what waits is this desk's messages not yet at the site plus those the
 * site holds and the Hub has not acknowledged.
 */
export function roomHubStatus(site: SiteSync, outbox: Pick<OutboxBookkeeping, 'awaitingSite' | 'oldestAwaitingSite'>): SyncStatus {
  const now = site.nowMs();
  const link = site.status();
  const heard = site.heardHub();
  const toSite = outbox.awaitingSite();
  const oldestToSite = outbox.oldestAwaitingSite();
  // A site without a Hub says so at each welcome and never again (nothing changes until it restarts,
  // which drops the link): that word does not go stale while the link stays up.
  const siteHasHub = heard.heardAt === null ? null : heard.state !== null;
  const silentSince = siteHasHub === true && now - Date.parse(heard.heardAt!) > HUB_STATE_STALE_MS ? heard.heardAt : null;
  const stale = link.state !== 'online' || heard.heardAt === null || silentSince !== null;
  // Unknown since the site went away, or since it last spoke; never heard at all: since when the site is unreachable (or just unknown).
  const unknownSince = !stale ? null : link.state !== 'online' ? (link.offlineSince ?? heard.heardAt) : silentSince;
  const state = heard.state;
  const atSite = state?.waiting ?? 0;
  const oldest = [state?.oldestWaitingAt ?? null, oldestToSite].filter((v): v is string => v !== null).sort()[0] ?? null;
  return {
    // The site said it has no Hub (then or, the site away, last time it was heard): nothing here is
    // configured to leave (the own messages still wait, counted).
    configured: siteHasHub !== false,
    clientId: state?.clientId ?? null,
    connected: !stale && (state?.connected ?? false),
    since: state?.since ?? null,
    lastError: state?.lastError ?? null,
    waiting: toSite + atSite,
    oldestWaitingAt: oldest,
    notRouted: state?.notRouted ?? 0,
    failed: state?.failed ?? 0,
    expired: state?.expired ?? 0,
    rejectedInbound: state?.rejectedInbound ?? 0,
    fault: null,
    room: { stale, unknownSince, lastConnected: state?.connected ?? false, heardAt: heard.heardAt, holder: state?.holder ?? null, toSite, atSite, siteLink: link.state, siteHasHub },
  };
}
