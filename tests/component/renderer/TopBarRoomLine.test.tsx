import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseOf } from '../../../shared/api/contract';
import { TopBar } from '../../../renderer/src/components/TopBar';
import { initI18n } from '../../../renderer/src/i18n';
import { useStatusStore } from '../../../renderer/src/stores/statusStore';
import { roomHubStatus } from '../../support/roomHubStatus';

const online: ResponseOf<'site:status'> = { configured: true, state: 'online', offlineSince: null, pending: 0, refused: 0, pulledPos: 40, head: 40, join: null, conflicts: [] };
const conflict = { dossierId: 'd', localNumber: 'DRFR156902634001001', step: 'take' as const, reason: 'alreadyTaken', winnerName: 'Dr Martin', winnerAt: '2026-12-05T13:02:10.000Z', at: '2026-12-05T13:02:11.000Z' };

/**
 * Found by the room end to end (tests/e2e/room.spec.ts) at 1280×800: in the one-line top bar the
 * site away and a lost take were cut to "Site…" and "Dossier DRFR156…" — nobody could read who took it.
 */
describe('the room’s link in the top bar', () => {
  beforeAll(() => initI18n('fr'));
  afterEach(() => {
    cleanup();
    useStatusStore.setState({ site: null });
  });

  it('stays in the one-line bar while all is well', () => {
    useStatusStore.setState({ site: online });
    render(<TopBar />);
    expect(screen.getByTestId('site-status').closest('header')).not.toBeNull();
    expect(screen.queryByTestId('room-line')).toBeNull();
  });

  it('the site away: the whole sentence on a line of its own, outside the bar that cuts', () => {
    useStatusStore.setState({ site: { ...online, state: 'offline', offlineSince: '2026-12-05T13:02:00.000Z', pending: 3 } });
    render(<TopBar />);
    const status = screen.getByTestId('site-status');
    expect(status.closest('header')).toBeNull();
    expect(screen.getByTestId('room-line').contains(status)).toBe(true);
    expect(status.textContent).toBe('Site injoignable depuis 14:02 · 3 évènement(s) à transmettre');
  });

  it('a step lost to another desk: who won, in words, on that line', () => {
    useStatusStore.setState({ site: { ...online, conflicts: [conflict] } });
    render(<TopBar />);
    expect(screen.getByTestId('site-conflict').closest('header')).toBeNull();
    expect(screen.getByTestId('room-line').textContent).toContain('Dossier DRFR156902634001001 pris par Dr Martin à 14:02 — votre prise n’a pas été retenue');
  });

  it('a site without a Hub: the bar says the Hub is the site’s and not configured, calmly (it said nothing before)', () => {
    const noHub: ResponseOf<'hub:status'> = {
      configured: false,
      clientId: null,
      connected: false,
      since: null,
      lastError: null,
      waiting: 0,
      oldestWaitingAt: null,
      notRouted: 0,
      failed: 0,
      expired: 0,
      rejectedInbound: 0,
      fault: null,
      room: { stale: false, unknownSince: null, lastConnected: false, heardAt: '2026-12-05T13:00:00.000Z', holder: null, toSite: 0, atSite: 0, siteLink: 'online', siteHasHub: false },
    };
    useStatusStore.setState({ site: online, hub: noHub });
    render(<TopBar />);
    const hub = screen.getByTestId('hub-status');
    expect(hub.closest('header')).not.toBeNull();
    expect(hub.textContent).toBe('Hub (site) : non configuré');
    expect(hub.className).not.toContain('bad');
    useStatusStore.setState({ hub: null });
  });

  it('in a room, what waits is said once, by the Hub indicator (this desk’s and the site’s, with the oldest), not again by the journal as a local count', () => {
    const hub = roomHubStatus();
    useStatusStore.setState({ site: online, hub, journal: { events: 120, chainValid: true, chainComplete: true, brokenAt: null, pendingOutbox: 3, pendingOutboxCap: 10_000 } as never });
    render(<TopBar />);
    expect(screen.getByTestId('journal-status').textContent).not.toContain('non transmis');
    expect(screen.getByTestId('hub-status').textContent).toBe('Hub ✓ · 3 non transmis');
    expect(screen.getByTestId('hub-status').getAttribute('title')).toContain('le plus ancien de 13:58 : 1 pas encore parvenu(s) au site, 2 au site sans accusé du Hub');
    useStatusStore.setState({ hub: null, journal: null });
  });
});
