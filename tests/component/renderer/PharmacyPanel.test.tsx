import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PlateauApi } from '../../../shared/api/contract';
import { PackAges } from '../../../renderer/src/components/PackAges';
import { PharmacyPanel } from '../../../renderer/src/components/PharmacyPanel';
import { initI18n } from '../../../renderer/src/i18n';
import { useSessionStore } from '../../../renderer/src/stores/sessionStore';
import { useStatusStore } from '../../../renderer/src/stores/statusStore';

const dossierId = '0190a000-0000-7000-8000-000000000001';
const ages = [
  { kind: 'pharmacies' as const, dataDate: '2026-12-02', days: 4, stale: false, source: 'finess.csv' },
  { kind: 'rotas' as const, dataDate: '2026-10-01', days: 66, stale: true, source: 'gardes.csv' },
];
const bourg = { finess: '690000011', name: 'Pharmacie du Bourg', address: '3 R PLACE DE L EGLISE', postcode: '69690', city: 'BRUSSIEU', phone: '0478451010', lat: 45.7456, lon: 4.5342, distanceMetres: 320, until: '2026-12-07T08:00:00.000Z' };
let answer: unknown;
const pharmaciesOnDuty = vi.fn(async () => ({ ok: true as const, value: answer }));
const choosePharmacy = vi.fn(async () => ({ ok: true as const, value: { decisions: [{ adviceText: 'Pharmacie de garde : Pharmacie du Bourg…' }] } }));

function session(role: string) {
  useSessionStore.setState({ session: { operator: { id: 'op', login: role.toLowerCase(), name: role, role }, authentication: null } } as never);
}

describe('the pharmacies on duty panel', () => {
  beforeAll(() => initI18n('fr'));
  beforeEach(() => {
    pharmaciesOnDuty.mockClear();
    choosePharmacy.mockClear();
    Object.defineProperty(window, 'plateau', { configurable: true, value: { pharmaciesOnDuty, choosePharmacy } as unknown as PlateauApi });
    useStatusStore.setState({ workstation: { siteCode: '690', siteName: 'SAMU 69', departement: '69', workstationId: 'p1', timeZone: 'Europe/Paris', queueLimitsMinutes: { P0: 0, P1: 3, P2: 20, P3: 60, NR: 30 }, autoLockMinutes: 10 } } as never);
    session('MRL');
  });
  afterEach(cleanup);

  it('shows each pack\'s age, a stale one as a warning, and a pack never imported', () => {
    render(<PackAges ages={ages} expected={['pharmacies', 'rotas', 'ban']} testId="ages" />);
    expect(screen.getByTestId('ages').textContent).toBe('pharmacies : données du 02/12, 4 jours · gardes : données du 01/10, 66 jours — trop anciennes, à réimporter · adresses : aucune donnée importée');
    expect(screen.getAllByRole('alert').map((a) => a.textContent)).toEqual(['gardes : données du 01/10, 66 jours — trop anciennes, à réimporter', 'adresses : aucune donnée importée']);
  });

  it('lists nearest first and records the choice with Entrée, giving the text to read', async () => {
    answer = { at: '2026-12-06T22:40:00.000Z', located: true, pharmacies: [bourg, { ...bourg, finess: '690000029', name: 'Pharmacie des Monts', distanceMetres: 3900 }], coverage: { status: 'covered' }, ages };
    render(<PharmacyPanel dossierId={dossierId} onClose={() => {}} />);
    const list = await screen.findByRole('listbox');
    await waitFor(() => expect(document.activeElement).toBe(list));
    expect(screen.getAllByRole('option')[0]!.textContent).toContain('0,3 km');
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    fireEvent.keyDown(list, { key: 'Enter' });
    await waitFor(() => expect(choosePharmacy).toHaveBeenCalledWith({ dossierId, finess: '690000029', at: '2026-12-06T22:40:00.000Z' }));
    expect((await screen.findByTestId('pharmacy-advice')).textContent).toBe('Décision enregistrée. À lire à l’appelant :Pharmacie de garde : Pharmacie du Bourg…');
  });

  it('leaves the choice to the physician: an ARM sees the list, Entrée records nothing', async () => {
    session('ARM');
    answer = { at: '2026-12-06T22:40:00.000Z', located: true, pharmacies: [bourg], coverage: { status: 'covered' }, ages };
    render(<PharmacyPanel dossierId={dossierId} onClose={() => {}} />);
    await waitFor(() => expect(document.activeElement).toBe(screen.getByRole('listbox')));
    expect(screen.getByText('Le choix est une décision médicale : réservé au médecin régulateur.')).toBeTruthy();
    fireEvent.keyDown(screen.getByRole('listbox'), { key: 'Enter' });
    expect(choosePharmacy).not.toHaveBeenCalled();
  });

  it.each([
    [{ status: 'gap', nextStart: '2026-12-07T11:00:00.000Z' }, 'Aucune pharmacie de garde le 06/12/2026 23:40 : trou dans le tableau de garde, reprise le 07/12/2026 12:00.'],
    [{ status: 'gap', nextStart: null }, 'Aucune pharmacie de garde le 06/12/2026 23:40, et aucune garde prévue ensuite dans le tableau importé.'],
    [{ status: 'outsideRota', rotaFrom: '2026-11-01T00:00:00.000Z', rotaTo: '2026-11-30T23:00:00.000Z' }, 'Le tableau de garde importé ne couvre pas le 06/12/2026 23:40 (il va du 01/11/2026 01:00 au 01/12/2026 00:00) : garde inconnue.'],
    [{ status: 'noRota' }, 'Aucun tableau de garde importé : garde inconnue.'],
  ])('says plainly when nobody is known to be on duty (%o)', async (coverage, text) => {
    answer = { at: '2026-12-06T22:40:00.000Z', located: false, pharmacies: [], coverage, ages: [] };
    render(<PharmacyPanel dossierId={dossierId} onClose={() => {}} />);
    expect((await screen.findByTestId('pharmacy-coverage')).textContent).toBe(`${text} Dossier non localisé : la liste n’est pas triée par distance.`);
    expect(screen.getByTestId('pharmacy-ages').textContent).toBe('pharmacies : aucune donnée importée · gardes : aucune donnée importée');
  });
});
