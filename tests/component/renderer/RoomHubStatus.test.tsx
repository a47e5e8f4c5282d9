import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseOf } from '../../../shared/api/contract';
import { RoomHubStatus } from '../../../renderer/src/components/RoomHubStatus';
import { initI18n } from '../../../renderer/src/i18n';

type Hub = ResponseOf<'hub:status'>;
const live: Hub = {
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
  room: { stale: false, unknownSince: null, lastConnected: true, heardAt: '2026-12-05T13:01:00.000Z', holder: 'site-a', toSite: 1, atSite: 2 },
};

describe('the room’s Hub in the top bar (the site is the Hub client)', () => {
  beforeAll(() => initI18n('fr'));
  afterEach(cleanup);

  it('compact in the bar, the whole sentence on demand (title and accessible name)', () => {
    render(<RoomHubStatus hub={live} zone="Europe/Paris" language="fr" />);
    const el = screen.getByTestId('hub-status');
    expect(el.textContent).toBe('Hub ✓ · 3 non transmis');
    expect(el.className).not.toContain('bad');
    expect(el.getAttribute('title')).toBe('Hub Santé (client du site site-a) : connecté depuis 13:40 · 3 message(s) non transmis : 1 pas encore parvenu(s) au site, 2 au site sans accusé du Hub');
    expect(el.getAttribute('aria-label')).toBe(el.getAttribute('title'));
  });

  it('the site away: the Hub state is unknown since when the site went away, the last known one kept in the sentence', () => {
    render(<RoomHubStatus hub={{ ...live, connected: false, room: { ...live.room!, stale: true, unknownSince: '2026-12-05T13:02:00.000Z' } }} zone="Europe/Paris" language="fr" />);
    const el = screen.getByTestId('hub-status');
    expect(el.textContent).toBe('Hub inconnu depuis 14:02 · 3 non transmis');
    expect(el.className).toContain('bad');
    expect(el.dataset.roomStale).toBe('true');
    expect(el.getAttribute('title')).toContain('état du Hub inconnu depuis 14:02 (site injoignable ou muet) — dernier état connu à 14:01 : connecté');
  });

  it('the site’s link down, and refusals counted', () => {
    render(<RoomHubStatus hub={{ ...live, connected: false, since: '2026-12-05T12:50:00.000Z', lastError: 'broker unreachable', failed: 1, expired: 1 }} zone="Europe/Paris" language="fr" />);
    const el = screen.getByTestId('hub-status');
    expect(el.textContent).toBe('Hub ✗ depuis 13:50 · 3 non transmis · 2 message(s) non délivré(s)');
    expect(el.getAttribute('title')).toContain('déconnecté depuis 13:50 — broker unreachable');
    expect(el.getAttribute('title')).toContain('2 message(s) non délivré(s) (refusé(s) ou expiré(s))');
  });

  it('never heard since start (the site unreachable from the first moment)', () => {
    render(<RoomHubStatus hub={{ ...live, clientId: null, connected: false, since: null, waiting: 0, room: { stale: true, unknownSince: null, lastConnected: false, heardAt: null, holder: null, toSite: 0, atSite: 0 } }} zone="Europe/Paris" language="fr" />);
    expect(screen.getByTestId('hub-status').textContent).toBe('Hub inconnu');
  });
});
