import { describe, expect, it } from 'vitest';
import { suggestDossiers, type AwaitingDossier } from '../../../../shared/domain/appointmentMatch';

const dossier = (dossierId: string, createdAt: string, callerPhone: string | null = null, patientName: string | null = null): AwaitingDossier => ({ dossierId, createdAt, callerPhone, patientName });
const booking = { start: '2026-11-24T09:00:00.000Z', bookedAt: '2026-11-23T22:00:00.000Z' };

describe('suggestDossiers: which awaiting SNP dossier an unclaimed SAS appointment belongs to', () => {
  it('orders by time only when nothing else is known: nearest call before the booking first', () => {
    const got = suggestDossiers(booking, [dossier('far', '2026-11-22T08:00:00.000Z'), dossier('near', '2026-11-23T21:40:00.000Z'), dossier('mid', '2026-11-23T12:00:00.000Z')]);
    expect(got.map((s) => s.dossierId)).toEqual(['near', 'mid', 'far']);
    expect(got[0]).toEqual({ dossierId: 'near', reasons: ['time'], distanceMs: 20 * 60_000 });
  });

  it('leaves out a dossier called after the booking, or more than 48 h before it', () => {
    const got = suggestDossiers(booking, [dossier('after', '2026-11-23T23:00:00.000Z'), dossier('old', '2026-11-21T21:00:00.000Z'), dossier('ok', '2026-11-23T21:50:00.000Z')]);
    expect(got.map((s) => s.dossierId)).toEqual(['ok']);
  });

  it('puts the same phone first, whatever its form, then the same patient name, before time', () => {
    const got = suggestDossiers({ ...booking, patientPhone: '+33 6 12 34 56 78', patientName: 'Lefèvre' }, [
      dossier('time', '2026-11-23T21:55:00.000Z'),
      dossier('name', '2026-11-23T10:00:00.000Z', '0699999999', 'LEFEVRE Léo'),
      dossier('phone', '2026-11-20T10:00:00.000Z', '06 12 34 56 78'),
    ]);
    expect(got.map((s) => s.dossierId)).toEqual(['phone', 'name', 'time']);
    expect(got[0]!.reasons).toEqual(['phone']);
    expect(got[1]!.reasons).toEqual(['name', 'time']);
  });

  it('does not match on a short or missing number, nor an empty name', () => {
    const got = suggestDossiers({ ...booking, bookedAt: '2026-12-10T00:00:00.000Z', patientPhone: '15', patientName: ' - ' }, [dossier('a', '2026-11-23T21:00:00.000Z', '15', '-')]);
    expect(got).toEqual([]);
  });

  it('keeps at most the limit', () => {
    const many = Array.from({ length: 9 }, (_, i) => dossier(`d${i}`, `2026-11-23T2${i % 2}:0${i}:00.000Z`));
    expect(suggestDossiers(booking, many, 3)).toHaveLength(3);
  });
});
