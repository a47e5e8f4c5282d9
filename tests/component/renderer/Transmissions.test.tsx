import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PlateauApi } from '../../../shared/api/contract';
import { Transmissions } from '../../../renderer/src/components/Transmissions';
import { initI18n } from '../../../renderer/src/i18n';
import { useStatusStore } from '../../../renderer/src/stores/statusStore';

const dossierId = '0190a000-0000-7000-8000-000000000001';
const base = { recipient: 'fr.health.samu440' as string | null, attempts: 1, createdAt: '2026-11-23T21:00:00.000Z', sentAt: '2026-11-23T21:00:01.000Z', ackedAt: null, errorCode: null, errorText: null };
const rows = [
  { ...base, seq: 1, kind: 'RS-EDA', state: 'ACKED', ackedAt: '2026-11-23T21:00:02.000Z' },
  { ...base, seq: 2, kind: 'RS-EDA-MAJ', state: 'SENT' },
  { ...base, seq: 3, kind: 'RS-EDA-MAJ', state: 'NEW', sentAt: null, attempts: 0 },
  { ...base, seq: 4, kind: 'RS-EDA-MAJ', state: 'FAILED', errorCode: 300, errorText: 'patient inconnu chez nous' },
  { ...base, seq: 5, kind: 'RS-EDA-MAJ', state: 'EXPIRED', errorText: 'expired before delivery' },
];
const hubListeners: Array<() => void> = [];
const dossierTransmissions = vi.fn(async () => ({ ok: true as const, value: { transmissions: rows, room: null as { siteAnswered: boolean } | null } }));

describe('Hub Santé transmissions of a dossier', () => {
  beforeAll(() => initI18n('fr'));
  beforeEach(() => {
    dossierTransmissions.mockClear();
    hubListeners.length = 0;
    Object.defineProperty(window, 'plateau', {
      configurable: true,
      value: { dossierTransmissions, onDossierChanged: () => () => {}, onDossiersChanged: () => () => {}, onHubStatus: (l: () => void) => (hubListeners.push(l), () => {}) } as unknown as PlateauApi,
    });
    useStatusStore.setState({ workstation: { siteCode: '974', siteName: 'SAMU 974', departement: '974', workstationId: 'p1', timeZone: 'Indian/Reunion', queueLimitsMinutes: { P0: 0, P1: 3, P2: 20, P3: 60, NR: 30 }, autoLockMinutes: 10 }, journal: null, hub: { configured: true, clientId: 'fr.health.samu974', connected: true, since: null, lastError: null, waiting: 1, oldestWaitingAt: null, notRouted: 0, failed: 1, expired: 1, rejectedInbound: 0, fault: null, room: null } });
  });
  afterEach(cleanup);

  it('says "transmis" only for the acknowledged message, on the site clock', async () => {
    render(<Transmissions dossierId={dossierId} />);
    await waitFor(() => expect(screen.getAllByTestId('transmission')).toHaveLength(5));
    const text = screen.getAllByTestId('transmission').map((li) => li.textContent ?? '');
    // 21:00:02Z is 01:00 the next day in Saint-Denis (UTC+4).
    expect(text[0]).toContain('transmis (accusé reçu à 24/11/2026 01:00');
    expect(text[1]).toContain('envoyé à 24/11/2026 01:00');
    expect(text[1]).toContain('non accusé');
    expect(text[2]).toContain('en attente');
    expect(text[3]).toContain('échec : 300 patient inconnu chez nous');
    expect(text[4]).toContain('expiré');
    expect(text.filter((s) => s.includes('transmis'))).toHaveLength(1);
  });

  it('says so when this workstation has no Hub Santé configuration', async () => {
    useStatusStore.setState({ hub: null });
    render(<Transmissions dossierId={dossierId} />);
    await waitFor(() => expect(screen.getAllByTestId('transmission')).toHaveLength(5));
    expect(screen.getAllByTestId('transmission')[2]!.textContent).toContain('en attente (Hub Santé non configuré sur ce poste)');
  });

  it('reloads on the Hub status event (a receipt changes no dossier)', async () => {
    render(<Transmissions dossierId={dossierId} />);
    await waitFor(() => expect(dossierTransmissions).toHaveBeenCalledTimes(1));
    hubListeners.forEach((l) => l());
    await waitFor(() => expect(dossierTransmissions).toHaveBeenCalledTimes(2));
  });

  it('in a room: the site’s sends and receipts, then this desk’s messages not yet at the site, said so', async () => {
    dossierTransmissions.mockResolvedValueOnce({ ok: true, value: { transmissions: [rows[0]!, rows[3]!, { ...base, seq: 7, kind: 'RS-EDA-MAJ', state: 'AWAITING_SITE', recipient: null, sentAt: null, attempts: 0 }], room: { siteAnswered: true } } });
    render(<Transmissions dossierId={dossierId} />);
    await waitFor(() => expect(screen.getAllByTestId('transmission')).toHaveLength(3));
    const text = screen.getAllByTestId('transmission').map((li) => li.textContent ?? '');
    expect(text[0]).toContain('transmis (accusé reçu');
    expect(text[1]).toContain('échec : 300 patient inconnu chez nous');
    expect(text[2]).toContain('pas encore parvenu au site');
    expect(screen.queryByTestId('transmissions-site-away')).toBeNull();
  });

  it('in a room with the site away: says what is not known now, lists what waits here', async () => {
    dossierTransmissions.mockResolvedValueOnce({ ok: true, value: { transmissions: [{ ...base, seq: 7, kind: 'RS-EDA-MAJ', state: 'AWAITING_SITE', recipient: null, sentAt: null, attempts: 0 }], room: { siteAnswered: false } } });
    render(<Transmissions dossierId={dossierId} />);
    await waitFor(() => expect(screen.getAllByTestId('transmission')).toHaveLength(1));
    expect(screen.getByTestId('transmissions-site-away').textContent).toContain('Site injoignable');
  });
});
