import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PlateauApi } from '../../../shared/api/contract';
import { OsnpList } from '../../../renderer/src/components/OsnpList';
import { initI18n } from '../../../renderer/src/i18n';
import { useOsnpStore } from '../../../renderer/src/stores/osnpStore';
import { useStatusStore } from '../../../renderer/src/stores/statusStore';

const entry = (n: number, createdAt: string) => ({ dossierId: `0190a000-0000-7000-8000-00000000000${n}`, localNumber: `DR${n}`, callerPhone: `+3361234567${n}`, patientName: `Patient ${n}`, motive: `motif ${n}`, createdAt, deadline: '2026-11-25T21:00:00.000Z', late: false });
// Booked 22:00Z: DR2 (called 21:40Z) is nearer than DR1 (12:00Z); DR3 was called after the booking.
const entries = [entry(1, '2026-11-23T12:00:00.000Z'), entry(2, '2026-11-23T21:40:00.000Z'), entry(3, '2026-11-23T23:00:00.000Z')];
const pushed = (id: string, start: string) => ({ appointmentId: id, status: 'booked', start, end: null, practitioner: 'Jeanne Durand', bookedAt: '2026-11-23T22:00:00.000Z', updatedAt: '2026-11-23T22:00:01.000Z' });
let toAttach = [pushed('rdv-a', '2026-11-24T08:00:00.000Z'), pushed('rdv-b', '2026-11-24T09:00:00.000Z')];
const hubListeners: Array<() => void> = [];
const listOsnp = vi.fn(async () => ({ ok: true as const, value: { entries, beyondPromise: [] as unknown[] } }));
let room: { siteAnswered: boolean } | null = null;
const sasAppointmentsToAttach = vi.fn(async () => ({ ok: true as const, value: { entries: toAttach, room } }));
const attachSasAppointment = vi.fn(async () => ({ ok: true as const, value: { attached: true } }));

describe('SAS appointments to attach (OSNP, keyboard only)', () => {
  beforeAll(() => initI18n('fr'));
  beforeEach(() => {
    toAttach = [pushed('rdv-a', '2026-11-24T08:00:00.000Z'), pushed('rdv-b', '2026-11-24T09:00:00.000Z')];
    room = null;
    hubListeners.length = 0;
    for (const f of [listOsnp, sasAppointmentsToAttach, attachSasAppointment]) f.mockClear();
    Object.defineProperty(window, 'plateau', {
      configurable: true,
      value: { listOsnp, sasAppointmentsToAttach, attachSasAppointment, onHubStatus: (l: () => void) => (hubListeners.push(l), () => {}) } as unknown as PlateauApi,
    });
    useStatusStore.setState({ workstation: { siteCode: '690', siteName: 'SAMU 69', departement: '69', workstationId: 'p1', timeZone: 'Europe/Paris', queueLimitsMinutes: { P0: 0, P1: 3, P2: 20, P3: 60, NR: 30 }, autoLockMinutes: 10 }, journal: null });
    useOsnpStore.setState({ entries: [], selected: null, error: null, saved: null });
  });
  afterEach(cleanup);

  it('↓ chooses the second appointment, Entrée shows the suggestions nearest first, Entrée attaches the first', async () => {
    render(<OsnpList />);
    await waitFor(() => expect(screen.getAllByTestId('sas-row')).toHaveLength(2));
    await waitFor(() => expect(screen.getAllByTestId('osnp-row')).toHaveLength(3));
    const list = screen.getByRole('listbox', { name: 'Rendez-vous SAS à rattacher' });
    list.focus();
    fireEvent.keyDown(list, { key: 'ArrowDown' });
    expect(screen.getAllByTestId('sas-row')[1]!.getAttribute('aria-selected')).toBe('true');
    fireEvent.keyDown(list, { key: 'Enter' });
    const suggestions = await screen.findAllByTestId('sas-suggestion');
    expect(suggestions.map((s) => s.textContent?.slice(0, 3))).toEqual(['DR2', 'DR1']);
    expect(suggestions[0]!.textContent).toContain('appel dans les 48 h avant');
    await waitFor(() => expect(document.activeElement?.id).toBe('sas-suggestions'));
    await act(async () => {
      fireEvent.keyDown(document.activeElement!, { key: 'Enter' });
    });
    expect(attachSasAppointment).toHaveBeenCalledWith({ appointmentId: 'rdv-b', dossierId: entries[1]!.dossierId });
    expect(screen.getByTestId('sas-status').textContent).toBe('Rendez-vous rattaché au dossier DR2');
    expect(screen.getAllByTestId('sas-row')).toHaveLength(1);
  });

  it('Échap leaves the suggestions without attaching; the Hub status event lists again', async () => {
    render(<OsnpList />);
    await waitFor(() => expect(screen.getAllByTestId('sas-row')).toHaveLength(2));
    const list = screen.getByRole('listbox', { name: 'Rendez-vous SAS à rattacher' });
    fireEvent.keyDown(list, { key: 'Enter' });
    await screen.findByTestId('sas-suggestions');
    fireEvent.keyDown(screen.getByTestId('sas-suggestions'), { key: 'Escape' });
    expect(screen.queryByTestId('sas-suggestions')).toBeNull();
    expect(attachSasAppointment).not.toHaveBeenCalled();
    toAttach = [...toAttach, pushed('rdv-c', '2026-11-24T10:00:00.000Z')];
    act(() => hubListeners.forEach((l) => l()));
    await waitFor(() => expect(screen.getAllByTestId('sas-row')).toHaveLength(3));
  });

  it('in a room with the site away: says the site’s list is out of reach instead of showing nothing; back, lists again', async () => {
    toAttach = [];
    room = { siteAnswered: false };
    render(<OsnpList />);
    const list = await screen.findByRole('listbox', { name: 'Rendez-vous SAS à rattacher' });
    expect(list.textContent).toBe('Site injoignable : les rendez-vous reçus par le site de la salle s’afficheront à son retour');
    toAttach = [pushed('rdv-a', '2026-11-24T08:00:00.000Z')];
    room = { siteAnswered: true };
    await act(async () => hubListeners.forEach((l) => l()));
    await waitFor(() => expect(screen.getAllByTestId('sas-row')).toHaveLength(1));
  });
});
