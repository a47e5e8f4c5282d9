import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseOf } from '../../../shared/api/contract';
import { RoomHubStatus } from '../../../renderer/src/components/RoomHubStatus';
import { initI18n } from '../../../renderer/src/i18n';
import { roomHubStatus } from '../../support/roomHubStatus';

type Hub = ResponseOf<'hub:status'>;
const live: Hub = roomHubStatus();

describe('the room’s Hub in the top bar (the site is the Hub client)', () => {
  beforeAll(() => initI18n('fr'));
  afterEach(cleanup);

  it('compact in the bar, the whole sentence on demand (title and accessible name)', () => {
    render(<RoomHubStatus hub={live} zone="Europe/Paris" language="fr" />);
    const el = screen.getByTestId('hub-status');
    expect(el.textContent).toBe('Hub ✓ · 3 non transmis');
    expect(el.className).not.toContain('bad');
    expect(el.getAttribute('title')).toBe('Hub Santé (client du site site-a) : connecté depuis 13:40 · 3 message(s) non transmis, le plus ancien de 13:58 : 1 pas encore parvenu(s) au site, 2 au site sans accusé du Hub');
    expect(el.getAttribute('aria-label')).toBe(el.getAttribute('title'));
  });

  it('the site away: the Hub state is unknown since when the site went away, said calmly (not red), the last known one kept in the sentence', () => {
    render(<RoomHubStatus hub={{ ...live, connected: false, room: { ...live.room!, stale: true, unknownSince: '2026-12-05T13:02:00.000Z', siteLink: 'offline' } }} zone="Europe/Paris" language="fr" />);
    const el = screen.getByTestId('hub-status');
    expect(el.textContent).toBe('Hub : inconnu depuis 14:02 · 3 non transmis');
    expect(el.className).not.toContain('bad');
    expect(el.className).toContain('calm');
    expect(el.dataset.roomStale).toBe('true');
    expect(el.getAttribute('title')).toContain('géré par le site, injoignable depuis 14:02 — état du Hub inconnu ; dernier état connu à 14:01 : connecté');
  });

  it('the site reachable but silent on its Hub (its database away): unknown since it last said, calm', () => {
    render(<RoomHubStatus hub={{ ...live, connected: false, room: { ...live.room!, stale: true, unknownSince: '2026-12-05T13:01:00.000Z' } }} zone="Europe/Paris" language="fr" />);
    const el = screen.getByTestId('hub-status');
    expect(el.textContent).toBe('Hub : site muet depuis 14:01 · 3 non transmis');
    expect(el.className).not.toContain('bad');
    expect(el.getAttribute('title')).toContain('ne dit plus l’état du Hub depuis 14:01');
  });

  it('a site without a Hub: managed by the site, not configured — calm, whether the site is there or away', () => {
    const noHub: Hub = { ...live, configured: false, clientId: null, connected: false, since: null, waiting: 1, room: { ...live.room!, holder: null, toSite: 1, atSite: 0, siteHasHub: false } };
    render(<RoomHubStatus hub={noHub} zone="Europe/Paris" language="fr" />);
    const el = screen.getByTestId('hub-status');
    expect(el.textContent).toBe('Hub (site) : non configuré · 1 non transmis');
    expect(el.className).not.toContain('bad');
    expect(el.getAttribute('title')).toContain('qui n’a pas de lien Hub Santé configuré — aucun message ne part vers les partenaires');
    cleanup();
    render(<RoomHubStatus hub={{ ...noHub, room: { ...noHub.room!, stale: true, siteLink: 'offline', unknownSince: '2026-12-05T13:02:00.000Z' } }} zone="Europe/Paris" language="fr" />);
    expect(screen.getByTestId('hub-status').textContent).toBe('Hub (site) : non configuré · 1 non transmis');
    expect(screen.getByTestId('hub-status').className).not.toContain('bad');
    expect(screen.getByTestId('hub-status').getAttribute('title')).toContain('la dernière fois qu’il a été entendu (14:01)');
  });

  it('red when the site has a Hub and no instance holds its lease: nothing leaves', () => {
    render(<RoomHubStatus hub={{ ...live, connected: false, since: null, lastError: 'no site instance holds the Hub lease', waiting: 0, room: { ...live.room!, holder: null } }} zone="Europe/Paris" language="fr" />);
    const el = screen.getByTestId('hub-status');
    expect(el.textContent).toBe('Hub ✗ : aucun client au site');
    expect(el.className).toContain('bad');
    expect(el.getAttribute('title')).toContain('aucune instance du site ne tient le bail Hub');
  });

  it('the site’s link down, and refusals counted', () => {
    render(<RoomHubStatus hub={{ ...live, connected: false, since: '2026-12-05T12:50:00.000Z', lastError: 'broker unreachable', failed: 1, expired: 1 }} zone="Europe/Paris" language="fr" />);
    const el = screen.getByTestId('hub-status');
    expect(el.textContent).toBe('Hub ✗ depuis 13:50 · 3 non transmis · 2 message(s) non délivré(s)');
    expect(el.getAttribute('title')).toContain('déconnecté depuis 13:50 — broker unreachable');
    expect(el.getAttribute('title')).toContain('2 message(s) non délivré(s) (refusé(s) ou expiré(s))');
  });

  it('never heard since start: waiting for the site, or the site unreachable from the first moment — calm either way', () => {
    const never: Hub = { ...live, clientId: null, connected: false, since: null, waiting: 0, room: { stale: true, unknownSince: null, lastConnected: false, heardAt: null, holder: null, toSite: 0, atSite: 0, siteLink: 'connecting', siteHasHub: null } };
    render(<RoomHubStatus hub={never} zone="Europe/Paris" language="fr" />);
    expect(screen.getByTestId('hub-status').textContent).toBe('Hub : en attente du site');
    expect(screen.getByTestId('hub-status').className).not.toContain('bad');
    cleanup();
    render(<RoomHubStatus hub={{ ...never, room: { ...never.room!, siteLink: 'offline', unknownSince: '2026-12-05T13:02:00.000Z' } }} zone="Europe/Paris" language="fr" />);
    expect(screen.getByTestId('hub-status').textContent).toBe('Hub : inconnu depuis 14:02');
    expect(screen.getByTestId('hub-status').getAttribute('title')).toContain('rien entendu depuis le démarrage du poste');
    expect(screen.getByTestId('hub-status').className).not.toContain('bad');
  });
});
