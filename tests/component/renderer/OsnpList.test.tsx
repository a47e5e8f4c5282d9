import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PlateauApi } from '../../../shared/api/contract';
import { OsnpList } from '../../../renderer/src/components/OsnpList';
import { initI18n } from '../../../renderer/src/i18n';
import { useOsnpStore } from '../../../renderer/src/stores/osnpStore';
import { useStatusStore } from '../../../renderer/src/stores/statusStore';
import { useClockStore } from '../../../renderer/src/stores/clockStore';

/** A Réunion site: the OSNP types and reads Réunion times, whatever the workstation's own zone. */
const dossierId = '0190a000-0000-7000-8000-000000000001';
const entry = { dossierId, localNumber: 'DRFR159742632800001', callerPhone: '+262692123456', motive: 'fièvre', createdAt: '2026-11-23T21:00:00.000Z', deadline: '2026-11-25T21:00:00.000Z', late: false };
const listOsnp = vi.fn(async () => ({ ok: true as const, value: { entries: [entry], beyondPromise: [] as unknown[] } }));
const recordAppointment = vi.fn(async () => ({ ok: true as const, value: {} }));
/** The dossier the OSNP books for: a 9-month-old, the GP's ORIENT CABINET in force. */
const dossier = {
  id: dossierId,
  callerPhone: '+262692123456',
  caller: { callbackPhone: null, name: 'Mme Payet', type: null, language: null, communication: null },
  patients: [{ id: 'p1', lastName: 'Payet', firstName: 'Tom', sex: 'M', birthDate: '2026-02-10', ageYears: null, weightKg: null, ins: null, identityQualified: false }],
  decisions: [{ id: 'd1', type: 'ORIENT', careLevel: 'R3', orientationType: 'CABINET', resourceType: null, supersedes: null }],
};
const getDossier = vi.fn(async () => ({ ok: true as const, value: dossier }));

describe('OSNP list on the site clock', () => {
  beforeAll(() => initI18n('fr'));
  beforeEach(() => {
    listOsnp.mockClear();
    recordAppointment.mockClear();
    Object.defineProperty(window, 'plateau', { configurable: true, value: { listOsnp, recordAppointment, getDossier } as unknown as PlateauApi });
    useStatusStore.setState({ workstation: { siteCode: '974', siteName: 'SAMU 974', departement: '974', workstationId: 'p1', timeZone: 'Indian/Reunion', queueLimitsMinutes: { P0: 0, P1: 3, P2: 20, P3: 60, NR: 30 }, autoLockMinutes: 10 }, journal: null });
    useOsnpStore.setState({ entries: [], selected: null, error: null, saved: null });
  });
  afterEach(cleanup);

  const open = async () => {
    render(<OsnpList />);
    await waitFor(() => expect(screen.getByTestId('osnp-row')).toBeTruthy());
    act(() => useOsnpStore.getState().select(dossierId));
  };

  it('shows the 48 h deadline on the Réunion clock', async () => {
    await open();
    // 2026-11-25T21:00Z is 26/11 01:00 in Saint-Denis (22:00 on the 25th in Paris).
    expect(screen.getByTestId('osnp-row').textContent).toContain('avant 26/11/2026 01:00');
  });

  it('reads the time typed as a Réunion time and sends that instant', async () => {
    await open();
    fireEvent.change(screen.getByLabelText('Praticien'), { target: { value: 'Dr Payet' } });
    fireEvent.change(screen.getByLabelText('Lieu'), { target: { value: 'Saint-Denis' } });
    fireEvent.change(screen.getByLabelText('Date et heure (JJ/MM/AAAA HH:MM)'), { target: { value: '2026-11-24T09:30' } });
    expect(screen.getByTestId('osnp-startsAt-hint').textContent).toBe('heure du site (Indian/Reunion)');
    await act(async () => void fireEvent.submit(screen.getByTestId('appointment-form')));
    await waitFor(() => expect(recordAppointment).toHaveBeenCalledOnce());
    expect(recordAppointment).toHaveBeenCalledWith({ dossierId, practitioner: 'Dr Payet', place: 'Saint-Denis', category: 'AMB', startsAt: '2026-11-24T05:30:00.000Z' });
    await waitFor(() => expect(screen.getByTestId('osnp-status').textContent).toBe('Rendez-vous enregistré : Dr Payet, 24/11/2026 09:30'));
  });

  it('beyond the 48 h window: flagged as it is typed and once saved, and still recorded', async () => {
    await open();
    fireEvent.change(screen.getByLabelText('Praticien'), { target: { value: 'Dr Hoarau' } });
    fireEvent.change(screen.getByLabelText('Date et heure (JJ/MM/AAAA HH:MM)'), { target: { value: '2026-11-26T09:30' } });
    expect(screen.getByTestId('osnp-startsAt-hint').textContent).toBe('hors délai 48 h');
    await act(async () => void fireEvent.submit(screen.getByTestId('appointment-form')));
    await waitFor(() => expect(recordAppointment).toHaveBeenCalledOnce());
    await waitFor(() => expect(screen.getByTestId('osnp-status').textContent).toBe('Rendez-vous enregistré : Dr Hoarau, 26/11/2026 09:30 — hors délai 48 h'));
  });

  it('lists the appointments booked beyond 48 h, flagged, on the site clock', async () => {
    listOsnp.mockResolvedValueOnce({
      ok: true,
      value: { entries: [entry], beyondPromise: [{ dossierId, localNumber: 'DRFR159742632800002', motive: 'otite', practitioner: 'Dr Hoarau', startsAt: '2026-11-26T05:30:00.000Z', deadline: '2026-11-25T21:00:00.000Z' }] },
    });
    render(<OsnpList />);
    await waitFor(() => expect(screen.getByTestId('osnp-beyond-row')).toBeTruthy());
    expect(screen.getByTestId('osnp-beyond-row').textContent).toBe('hors délai 48 h — DRFR159742632800002 — otite — Dr Hoarau, 26/11/2026 09:30 (avant 26/11/2026 01:00)');
  });

  it('a time that is not one is refused before anything is sent', async () => {
    await open();
    fireEvent.change(screen.getByLabelText('Date et heure (JJ/MM/AAAA HH:MM)'), { target: { value: '31/11/2026 09:30' } });
    await act(async () => void fireEvent.submit(screen.getByTestId('appointment-form')));
    expect(recordAppointment).not.toHaveBeenCalled();
    expect(screen.getByTestId('osnp-status').textContent).toContain('Saisie refusée');
    // Said at the field too, where the OSNP is typing.
    expect(screen.getByTestId('osnp-startsAt-hint').textContent).toBe('Cette date n’existe pas');
    expect(screen.getByLabelText('Date et heure (JJ/MM/AAAA HH:MM)').getAttribute('aria-invalid')).toBe('true');
  });

  it('takes the French date as typed, short forms included, and shows what it understood', async () => {
    await open();
    fireEvent.change(screen.getByLabelText('Praticien'), { target: { value: 'Dr Payet' } });
    fireEvent.change(screen.getByLabelText('Date et heure (JJ/MM/AAAA HH:MM)'), { target: { value: '24/11 9h30' } });
    expect(screen.getByTestId('osnp-startsAt-read').textContent).toMatch(/^24\/11\/20\d\d 09:30$/);
    fireEvent.change(screen.getByLabelText('Date et heure (JJ/MM/AAAA HH:MM)'), { target: { value: '24/11/2026 09:30' } });
    expect(screen.getByTestId('osnp-startsAt-read').textContent).toBe('24/11/2026 09:30');
    await act(async () => void fireEvent.submit(screen.getByTestId('appointment-form')));
    await waitFor(() => expect(recordAppointment).toHaveBeenCalledOnce());
    expect(recordAppointment).toHaveBeenCalledWith({ dossierId, practitioner: 'Dr Payet', place: '', category: 'AMB', startsAt: '2026-11-24T05:30:00.000Z' });
  });

  it('shows the patient with an infant’s age in months, the decision in force and the 48 h countdown', async () => {
    useClockStore.setState({ now: Date.parse('2026-11-24T21:00:00.000Z') });
    await open();
    await waitFor(() => expect(screen.getByTestId('osnp-patient').textContent).toBe('Payet Tom, 9 mois'));
    expect(screen.getByTestId('osnp-decision').textContent).toBe('Orientation cabinet de ville ORIENT CABINET R3');
    expect(screen.getByTestId('osnp-countdown').textContent).toBe('reste 24 h 00');
    act(() => useClockStore.setState({ now: Date.parse('2026-11-25T22:30:00.000Z') }));
    expect(screen.getByTestId('osnp-countdown').textContent).toBe('dépassée de 1 h 30');
  });
});
