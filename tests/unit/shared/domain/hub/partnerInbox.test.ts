import { describe, expect, it } from 'vitest';
import { appointmentConflict, closedToPartners, nothingToWithdraw, replayOrder, sharedBy, withdrawalUpdate } from '../../../../../shared/domain/hub/partnerInbox';
import type { Dossier } from '../../../../../shared/domain/dossier';

const dossier = (over: Partial<Dossier>): Dossier => ({ localNumber: 'DRFR156902634000001', state: 'ACTIF', hub: { receivedFrom: 'fr.health.samu440', received: [] }, ...over }) as Dossier;

describe('what a partner’s message may do to the room (desk and site alike)', () => {
  it('only the partner who shared a dossier may withdraw it', () => {
    expect(sharedBy(dossier({}), 'fr.health.samu440')).toBe(true);
    expect(sharedBy(dossier({}), 'fr.health.samu441')).toBe(false);
    expect(sharedBy(dossier({ hub: { receivedFrom: null, received: [{ field: 'status', value: 'x', from: 'fr.health.samu441' }] } as unknown as Dossier['hub'] }), 'fr.health.samu441')).toBe(true);
    expect(sharedBy(dossier({ hub: null } as unknown as Partial<Dossier>), 'fr.health.samu440')).toBe(false);
  });

  it('a withdrawal is a remote update: status ANNULE and a note saying who withdrew it', () => {
    const u = withdrawalUpdate('fr.health.samu440', 'fr.health.samu440_x', '2026-12-06T10:00:00.000Z', 'n-1');
    expect(u).toEqual({
      from: 'fr.health.samu440',
      distributionId: 'fr.health.samu440_x',
      patients: [],
      notes: [{ id: 'n-1', text: 'Partage retiré par fr.health.samu440 (annulation fr.health.samu440_x)', at: '2026-12-06T10:00:00.000Z', authorId: 'fr.health.samu440', authorRole: 'AUTRE', afterValidation: false }],
      received: [{ field: 'status', value: 'ANNULE' }],
    });
    expect(nothingToWithdraw('c-1', 'fr.health.samu440')).toBe('Cancel of case c-1: nothing fr.health.samu440 shared matches it here');
  });

  it('early updates replay in the order sent, arrival order between equal times or unknown times', () => {
    const rows = [
      { name: 'b', sentAtMs: 2_000, arrival: 1 },
      { name: 'a', sentAtMs: 1_000, arrival: 2 },
      { name: 'c', sentAtMs: 2_000, arrival: 3 },
    ];
    expect(replayOrder(rows).map((r) => r.name)).toEqual(['a', 'b', 'c']);
    expect(replayOrder([{ name: 'y', sentAtMs: null, arrival: 5 }, { name: 'x', sentAtMs: 1, arrival: 4 }]).map((r) => r.name)).toEqual(['x', 'y']);
  });

  it('a second CreateAppointment for an id held is a conflict; an update is not', () => {
    expect(appointmentConflict('CreateAppointment', 'rdv-1', true)).toMatch(/rdv-1: this appointment id exists already/);
    expect(appointmentConflict('CreateAppointment', 'rdv-1', false)).toBeNull();
    expect(appointmentConflict('UpdateAppointment', 'rdv-1', true)).toBeNull();
  });

  it('a closed dossier is never reopened by a partner', () => {
    expect(closedToPartners(dossier({ state: 'CLOTURE' } as Partial<Dossier>))).toMatch(/is CLOTURE: it is never reopened/);
  });
});
