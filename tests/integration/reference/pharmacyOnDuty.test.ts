import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/services/api';
import { createServices, type Services } from '../../../electron/services/composition';
import type { Dossier } from '../../../shared/domain/dossier';
import { makeTempDir } from '../../support/tempDir';
import { testConfig } from '../../support/testConfig';
import { signIn, TEST_SCRYPT } from '../../support/operators';
import { VILLAGE_PHARMACIES, writeFinessFile, writeRotaCsv } from '../../support/referenceFiles';

/** The regulator's pharmacy on duty, through the handler table, from the offline packs only. */
describe('pharmacy on duty for a dossier', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let services: Services;
  // Sunday 6 December 2026, 23:40 in Lyon.
  const clock = Date.parse('2026-12-06T22:40:00.000Z');
  const call = async (channel: string, payload: unknown) => dispatch(services.api, channel, payload);
  const value = async <T = Dossier>(channel: string, payload: unknown) => {
    const result = await call(channel, payload);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  };
  let dossier: Dossier;

  beforeAll(async () => {
    dir = makeTempDir();
    // No national address service, no Hub: the network is down as far as this post knows.
    services = createServices(testConfig(dir.path, { autoLockMinutes: 240 }), { now: () => clock, scryptParams: TEST_SCRYPT });
    writeFinessFile(join(dir.path, 'finess.csv'), '2026-12-02', VILLAGE_PHARMACIES);
    await services.packs.import('pharmacies', join(dir.path, 'finess.csv'));
    writeRotaCsv(join(dir.path, 'gardes.csv'), [
      ['690000029', '2026-12-05 19:00', '2026-12-07 09:00'],
      ['690000011', '2026-12-06 19:00', '2026-12-07 09:00'],
      ['690000037', '2026-12-06 19:00', '2026-12-07 09:00'],
      // Nobody from Monday 09:00 to 12:00: a gap.
      ['690000011', '2026-12-07 12:00', '2026-12-07 19:00'],
    ]);
    await services.packs.import('rotas', join(dir.path, 'gardes.csv'));
    await signIn(services, 'ARM');
    dossier = await value('dossier:create', { callerPhone: '06 12 34 56 78', motive: 'besoin de médicament' });
    const address = { label: 'Route de la Vallée 69690 Brussieu', houseNumber: null, street: 'Route de la Vallée', postcode: '69690', city: 'Brussieu', inseeCode: '69027', lat: 45.7461, lon: 4.5301, precision: 'RUE' };
    await value('dossier:setLocation', { dossierId: dossier.id, address, source: 'OFFLINE' });
  });
  afterAll(() => {
    services.close();
    dir.cleanup();
  });

  it('lists the pharmacies on duty now, nearest first, with until when and the packs\' ages', async () => {
    const answer = await value<{ at: string; located: boolean; pharmacies: Array<Record<string, unknown>>; coverage: unknown; ages: unknown[] }>('pharmacy:onDuty', { dossierId: dossier.id });
    expect(answer.at).toBe('2026-12-06T22:40:00.000Z');
    expect(answer.located).toBe(true);
    expect(answer.coverage).toEqual({ status: 'covered' });
    expect(answer.pharmacies.map((p) => [p.finess, p.until])).toEqual([
      ['690000011', '2026-12-07T08:00:00.000Z'],
      ['690000029', '2026-12-07T08:00:00.000Z'],
      ['690000037', '2026-12-07T08:00:00.000Z'],
    ]);
    expect(answer.pharmacies[0]).toMatchObject({ name: 'Pharmacie du Bourg', address: '3 R PLACE DE L EGLISE', city: 'BRUSSIEU', phone: '0478451010' });
    expect(answer.pharmacies[0]!.distanceMetres).toBeLessThan(500);
    expect(answer.pharmacies[2]!.distanceMetres).toBeNull();
    expect(answer.ages).toEqual([
      { kind: 'pharmacies', dataDate: '2026-12-02', days: 4, stale: false, source: join(dir.path, 'finess.csv') },
      { kind: 'rotas', dataDate: expect.any(String), days: expect.any(Number), stale: false, source: join(dir.path, 'gardes.csv') },
    ]);
  });

  it('says plainly when nobody is on duty and when the rota resumes, and when the rota says nothing about the time', async () => {
    expect(await value('pharmacy:onDuty', { dossierId: dossier.id, at: '2026-12-07T09:30:00.000Z' })).toMatchObject({ pharmacies: [], coverage: { status: 'gap', nextStart: '2026-12-07T11:00:00.000Z' } });
    expect(await value('pharmacy:onDuty', { dossierId: dossier.id, at: '2026-12-20T09:30:00.000Z' })).toMatchObject({ pharmacies: [], coverage: { status: 'outsideRota', rotaTo: '2026-12-07T18:00:00.000Z' } });
  });

  it('records the regulator\'s choice: a CONSEIL decision with the advice read to the caller, attribution DR.DREG.DRPHARMA', async () => {
    expect(await call('pharmacy:choose', { dossierId: dossier.id, finess: '690000011' })).toMatchObject({ ok: false, error: { code: 'E_FORBIDDEN' } });
    await signIn(services, 'MRL');
    await value('dossier:take', { dossierId: dossier.id });
    expect(await call('pharmacy:choose', { dossierId: dossier.id, finess: '690000045' })).toMatchObject({ ok: false, error: { code: 'E_BAD_REQUEST', field: 'finess' } });
    const chosen = await value('pharmacy:choose', { dossierId: dossier.id, finess: '690000011' });
    expect(chosen.qualification.attribution).toBe('DR.DREG.DRPHARMA');
    expect(chosen.decisions.at(-1)).toMatchObject({
      type: 'CONSEIL',
      careLevel: 'R4',
      adviceText: "Pharmacie de garde : Pharmacie du Bourg, 3 R PLACE DE L EGLISE, 69690 BRUSSIEU, téléphone 04 78 45 10 10, de garde jusqu'à lundi 07/12 09:00. Présentez-vous avec votre ordonnance et votre carte Vitale ; en cas d'aggravation, rappelez le 15.",
    });
  });
});
