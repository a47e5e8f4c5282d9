import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PractitionerDirectory } from '../../../electron/services/orientation/practitionerDirectory';
import { ReferencePacks } from '../../../electron/services/reference/referencePacks';
import { makeTempDir } from '../../support/tempDir';
import { rppsLine, rppsNumber, writeRppsFile } from '../../support/referenceFiles';

const NOW = Date.parse('2026-12-06T22:40:00Z');

describe('practitioners directory from the RPPS pack', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let packs: ReferencePacks;
  let directory: PractitionerDirectory;
  beforeAll(async () => {
    dir = makeTempDir();
    packs = new ReferencePacks({ dataDir: dir.path, timeZone: 'Europe/Paris', maxAgeDays: { rpps: 3 } });
    directory = new PractitionerDirectory({ packs, timeZone: 'Europe/Paris', now: () => NOW });
    const file = join(dir.path, 'PS_LibreAcces_Personne_activite_202612010830.txt');
    await writeRppsFile(file, 30, [
      rppsLine(1001, { "Nom d'exercice": 'LEFÈVRE', "Prénom d'exercice": 'Hélène', 'Libellé savoir-faire': 'Pédiatrie', 'Libellé commune (coord. structure)': 'Vaugneray', 'Code postal (coord. structure)': '69670', 'Téléphone (coord. structure)': '04 78 45 00 01' }),
      // The same practitioner at a second place of practice.
      rppsLine(1001, { "Nom d'exercice": 'LEFÈVRE', "Prénom d'exercice": 'Hélène', 'Libellé savoir-faire': 'Pédiatrie', 'Raison sociale site': 'Centre de santé', 'Libellé commune (coord. structure)': 'Lyon', 'Code postal (coord. structure)': '69005', 'Téléphone (coord. structure)': '0472000002' }),
      rppsLine(1002, { "Nom d'exercice": 'DE LA TOUR', "Prénom d'exercice": 'Paul', 'Code profession': '60', 'Libellé profession': 'Infirmier', 'Libellé savoir-faire': '', 'Libellé commune (coord. structure)': 'Saint-Genis-les-Ollières' }),
    ]);
    await packs.import('rpps', file);
  });
  afterAll(() => {
    directory.close();
    dir.cleanup();
  });

  const lookup = (query: string) => {
    const answer = directory.lookup({ query });
    if (!answer.ok) throw new Error(answer.error.message);
    return answer.value;
  };

  it('finds by name whatever the accents and case, with every place of practice and the pack age (stale past the configured age)', () => {
    const answer = lookup('lefevre');
    expect(answer.practitioners).toEqual([
      {
        rpps: rppsNumber(1001), lastName: 'LEFÈVRE', firstName: 'Hélène', profession: 'Médecin', specialty: 'Pédiatrie',
        places: [
          { place: 'Cabinet du Vieux Bourg', address: '12 Rue de la Mairie', postcode: '69670', city: 'Vaugneray', phone: '0478450001' },
          { place: 'Centre de santé', address: '12 Rue de la Mairie', postcode: '69005', city: 'Lyon', phone: '0472000002' },
        ],
      },
    ]);
    expect(answer.truncated).toBe(false);
    expect(answer.ages).toEqual([{ kind: 'rpps', dataDate: '2026-12-01', days: 5, stale: true, source: expect.stringContaining('PS_LibreAcces') }]);
  });

  it('finds by RPPS number, by commune, and by name and commune in either order', () => {
    expect(lookup(rppsNumber(1002)).practitioners.map((p) => p.lastName)).toEqual(['DE LA TOUR']);
    expect(lookup('saint genis').practitioners.map((p) => [p.lastName, p.profession])).toEqual([['DE LA TOUR', 'Infirmier']]);
    expect(lookup('vaugneray').practitioners.map((p) => p.lastName)).toEqual(['LEFÈVRE']);
    expect(lookup('Lefèvre Lyon').practitioners.map((p) => p.rpps)).toEqual([rppsNumber(1001)]);
    expect(lookup('lyon lefevre').practitioners.map((p) => p.rpps)).toEqual([rppsNumber(1001)]);
    expect(lookup('de la tour').practitioners.map((p) => p.firstName)).toEqual(['Paul']);
  });

  it('lists at most twenty and says the list was cut; an unknown name finds nothing', () => {
    const many = lookup('martin');
    expect(many.practitioners).toHaveLength(20);
    expect(many.truncated).toBe(true);
    expect(many.practitioners.map((p) => p.lastName).slice(0, 3)).toEqual(['MARTIN0', 'MARTIN1', 'MARTIN10']);
    expect(lookup('brussieu').truncated).toBe(true);
    expect(lookup('zzz')).toMatchObject({ practitioners: [], truncated: false });
  });

  it('refuses a query too short to search', () => {
    expect(directory.lookup({ query: "'-" })).toMatchObject({ ok: false, error: { code: 'E_BAD_REQUEST', field: 'query' } });
  });

  it('answers empty, without an age, before any RPPS pack was imported, and sees a new pack once imported', async () => {
    const empty = makeTempDir();
    try {
      const fresh = new ReferencePacks({ dataDir: empty.path, timeZone: 'Europe/Paris' });
      const none = new PractitionerDirectory({ packs: fresh, timeZone: 'Europe/Paris', now: () => NOW });
      expect(none.lookup({ query: 'martin' })).toEqual({ ok: true, value: { practitioners: [], truncated: false, ages: [] } });
      const file = join(empty.path, 'PS_LibreAcces_Personne_activite_202612050830.txt');
      await writeRppsFile(file, 2);
      await fresh.import('rpps', file);
      const after = none.lookup({ query: 'martin' });
      expect(after.ok && after.value.practitioners.map((p) => p.lastName)).toEqual(['MARTIN0', 'MARTIN1']);
      expect(after.ok && after.value.ages[0]).toMatchObject({ dataDate: '2026-12-05', days: 1, stale: false });
      none.close();
    } finally {
      empty.cleanup();
    }
  });
});
