import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { PlateauApi, ResponseOf } from '../../../shared/api/contract';
import { FloorView } from '../../../renderer/src/components/FloorView';
import { initI18n } from '../../../renderer/src/i18n';
import { useStatusStore } from '../../../renderer/src/stores/statusStore';
import { roomHubStatus } from '../../support/roomHubStatus';

const floor: ResponseOf<'floor:status'> = {
  at: '2026-12-05T13:05:00.000Z',
  posts: [],
  queues: [],
  escalated: [],
  callbacks: { open: 0, due: 0, late: 0 },
  // A room desk runs no Hub client of its own: this is what its services say of it.
  hub: { configured: false, connected: false, waiting: 0, failed: 0 },
};

const roomHub = roomHubStatus({ stale: true, unknownSince: '2026-12-05T13:02:00.000Z', siteLink: 'offline' }, { connected: false });

/** The supervisor's floor at a room desk: the Hub and the site as the room has them, not this desk's own (absent) client. */
describe('the floor view at a room desk', () => {
  beforeAll(() => initI18n('fr'));
  afterEach(() => {
    cleanup();
    useStatusStore.setState({ hub: null, site: null });
  });

  it('says the room’s Hub and the site link in the top bar’s words, never "non configuré" nor "poste autonome"', async () => {
    const unsubscribe = () => undefined;
    Object.defineProperty(window, 'plateau', {
      configurable: true,
      value: new Proxy({ floorStatus: () => Promise.resolve({ ok: true, value: floor }) } as Record<string, unknown>, { get: (target, key: string) => target[key] ?? (() => unsubscribe) }) as unknown as PlateauApi,
    });
    useStatusStore.setState({
      hub: roomHub,
      site: { configured: true, state: 'offline', offlineSince: '2026-12-05T13:02:00.000Z', pending: 4, refused: 1, pulledPos: 10, head: 10, join: null, conflicts: [] },
    });
    render(<FloorView />);
    await act(async () => undefined);
    const hub = await screen.findByTestId('floor-hub');
    expect(hub.textContent).toContain('géré par le site, injoignable depuis 14:02 — état du Hub inconnu ; dernier état connu à 14:01 : connecté');
    expect(hub.textContent).toContain('3 message(s) non transmis, le plus ancien de 13:58 : 1 pas encore parvenu(s) au site, 2 au site sans accusé du Hub');
    expect(hub.textContent).not.toContain('non configuré');
    expect(screen.getByTestId('floor-site').textContent).toBe('Site injoignable depuis 14:02 · 4 évènement(s) à transmettre · 1 évènement(s) refusé(s) par le site');
  });
});
