import { describe, expect, it } from 'vitest';
import { appointmentDeadline, awaitsAppointment, beyondPromise, isSnpDossier, withinPromise, type Appointment } from '../../../../shared/domain/appointment';
import type { Decision } from '../../../../shared/domain/decision';

const orient = (orientationType: Decision['orientationType'], id = 'd1', supersedes: string | null = null): Decision => ({
  id,
  type: 'ORIENT',
  careLevel: 'R3',
  adviceText: null,
  prescriptionText: null,
  resourceType: null,
  orientationType,
  transport: false,
  destination: 'cabinet',
  reason: null,
  supersedes,
  at: '2026-11-23T10:05:00.000Z',
  authorId: 'mrl',
  authorRole: 'MRL',
  authentication: null,
});
const appointment = (status: Appointment['status']): Appointment => ({ id: 'a', appointmentId: null, practitioner: 'Dr D', place: 'Lyon', startsAt: '2026-11-24T09:00:00.000Z', category: 'AMB', status, recordedAt: 'x', authorId: 'o', authorRole: 'OSNP' });
const base = { createdAt: '2026-11-23T10:00:00.000Z', queue: 'SNP' as const, qualification: { filiere: null }, decisions: [orient('CABINET')], appointments: [] as Appointment[] };

describe('OSNP hand-off (DOMAIN §4, §6)', () => {
  it('an SNP dossier oriented to a GP office waits for an appointment', () => expect(awaitsAppointment(base)).toBe(true));
  it('not when the orientation is elsewhere, or superseded', () => {
    expect(awaitsAppointment({ ...base, decisions: [orient('URGENCES')] })).toBe(false);
    expect(awaitsAppointment({ ...base, decisions: [orient('CABINET'), orient('DOMICILE', 'd2', 'd1')] })).toBe(false);
  });
  it('not outside the SNP perimeter (AMU queue, AMU branch)', () => {
    expect(awaitsAppointment({ ...base, queue: 'AMU' })).toBe(false);
    expect(isSnpDossier({ queue: 'AMU', qualification: { filiere: 'SNP' } })).toBe(true);
    expect(isSnpDossier({ queue: 'DENT', qualification: { filiere: null } })).toBe(true);
    expect(isSnpDossier({ queue: null, qualification: { filiere: null } })).toBe(false);
  });
  it.each([
    ['BOOKED', false],
    ['FULFILLED', false],
    ['CANCELLED', true],
    ['NOSHOW', true],
  ] as const)('with an appointment %s it waits: %s', (status, waits) => {
    expect(awaitsAppointment({ ...base, appointments: [appointment(status)] })).toBe(waits);
  });
  it('the 48 h clock runs from the call', () => {
    expect(new Date(appointmentDeadline(base)).toISOString()).toBe('2026-11-25T10:00:00.000Z');
    expect(withinPromise(base, '2026-11-25T10:00:00.000Z')).toBe(true);
    expect(withinPromise(base, '2026-11-25T10:00:00.001Z')).toBe(false);
  });
  it('an appointment after the 48 h window is flagged "hors délai", at the millisecond, while it stands', () => {
    expect(beyondPromise(base, { startsAt: '2026-11-25T10:00:00.000Z', status: 'BOOKED' })).toBe(false);
    expect(beyondPromise(base, { startsAt: '2026-11-25T10:00:00.001Z', status: 'BOOKED' })).toBe(true);
    expect(beyondPromise(base, { startsAt: '2026-11-27T09:00:00.000Z', status: 'FULFILLED' })).toBe(true);
    expect(beyondPromise(base, { startsAt: '2026-11-27T09:00:00.000Z', status: 'CANCELLED' })).toBe(false);
    expect(beyondPromise(base, { startsAt: '2026-11-27T09:00:00.000Z', status: 'NOSHOW' })).toBe(false);
    expect(beyondPromise(base, { startsAt: '2026-11-23T11:00:00.000Z', status: 'BOOKED' })).toBe(false);
  });
});
