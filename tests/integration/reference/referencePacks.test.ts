import { spawn } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReferencePacks } from '../../../electron/services/reference/referencePacks';
import { makeTempDir } from '../../support/tempDir';
import { rppsLine, VILLAGE_PHARMACIES as PHARMACIES, writeFinessFile, writeRotaCsv, writeRotaIcs, writeRppsFile } from '../../support/referenceFiles';

describe('reference packs: one mechanism, provenance, atomic swap', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let packs: ReferencePacks;
  beforeAll(() => {
    dir = makeTempDir();
    packs = new ReferencePacks({ dataDir: dir.path, timeZone: 'Europe/Paris', maxAgeDays: { pharmacies: 30 } });
  });
  afterAll(() => dir.cleanup());

  it('imports the FINESS etalab extraction: officines only, Lambert-93 to WGS84, data date from the file, bad lines counted', async () => {
    const file = join(dir.path, 'etalab-cs1100507-stock-20261202-0336.csv');
    writeFinessFile(file, '2026-12-02', PHARMACIES, ['structureet;12;short', 'bizarre;line']);
    const progress: number[] = [];
    const meta = await packs.import('pharmacies', file, (p) => progress.push(p.bytesRead));
    expect(meta).toMatchObject({ kind: 'pharmacies', source: file, dataDate: '2026-12-02', rows: 3, badRows: 2 });
    expect(meta.badSamples).toEqual(['ligne 6 : colonnes manquantes', 'ligne 7 : type de ligne inconnu « bizarre »']);
    expect(progress.at(-1)).toBeGreaterThan(0);
    const db = new Database(packs.path('pharmacies'), { readonly: true });
    const bourg = db.prepare("SELECT * FROM pharmacies WHERE finess = '690000011'").get() as Record<string, unknown>;
    expect(bourg).toMatchObject({ name: 'Pharmacie du Bourg', address: '3 R PLACE DE L EGLISE', postcode: '69690', city: 'BRUSSIEU', insee: '69027', phone: '0478451010' });
    expect(bourg.lat as number).toBeCloseTo(45.7456, 4);
    expect(bourg.lon as number).toBeCloseTo(4.5342, 4);
    expect(db.prepare("SELECT lat FROM pharmacies WHERE finess = '690000037'").get()).toEqual({ lat: null });
    db.close();
    expect(packs.meta('pharmacies')?.dataDate).toBe('2026-12-02');
    const [age] = packs.ages(new Date('2026-12-05T10:00:00Z'));
    expect(age).toEqual({ kind: 'pharmacies', dataDate: '2026-12-02', days: 3, stale: false, source: file });
    expect(packs.ages(new Date('2027-01-05T10:00:00Z'))[0]).toMatchObject({ days: 34, stale: true });
  });

  it('refuses a file that is not a FINESS extraction and keeps the previous pack', async () => {
    const file = join(dir.path, 'garbage.csv');
    writeFileSync(file, '<html><body>502 Bad Gateway</body></html>\n');
    await expect(packs.import('pharmacies', file)).rejects.toThrow(/not a FINESS etalab extraction/);
    expect(packs.meta('pharmacies')).toMatchObject({ rows: 3, dataDate: '2026-12-02' });
    expect(existsSync(`${packs.path('pharmacies')}.importing`)).toBe(false);
  });

  it('imports a rota CSV: local times on the site clock, unknown pharmacies and bad rows refused and reported', async () => {
    const file = join(dir.path, 'gardes-69.csv');
    writeRotaCsv(file, [
      ['690000011', '2026-12-05 19:00', '2026-12-07 09:00'],
      ['690000029', '2026-12-07T09:00:00+01:00', '2026-12-07T19:00:00+01:00'],
      ['690009999', '2026-12-05 19:00', '2026-12-06 09:00'],
      ['690000029', '2026-12-08 09:00', '2026-12-07 09:00'],
    ], ['690000011;hier;demain', 'pas;assez']);
    const meta = await packs.import('rotas', file);
    expect(meta).toMatchObject({ rows: 2, badRows: 4 });
    expect(meta.badSamples).toEqual([
      'ligne 6 : date de début ou de fin illisible',
      'ligne 7 : numéro FINESS invalide « pas »',
      'ligne 4 : pharmacie 690009999 absente du pack des pharmacies',
      'ligne 5 : la fin précède le début',
    ]);
    const db = new Database(packs.path('rotas'), { readonly: true });
    expect(db.prepare('SELECT finess, start_ms, end_ms FROM duties ORDER BY start_ms').all()).toEqual([
      { finess: '690000011', start_ms: Date.parse('2026-12-05T18:00:00Z'), end_ms: Date.parse('2026-12-07T08:00:00Z') },
      { finess: '690000029', start_ms: Date.parse('2026-12-07T08:00:00Z'), end_ms: Date.parse('2026-12-07T18:00:00Z') },
    ]);
    db.close();
  });

  it('imports a rota as iCalendar (TZID, folded lines, FINESS in LOCATION)', async () => {
    const file = join(dir.path, 'gardes-69.ics');
    writeRotaIcs(file, [['690000029', '20261205T190000', '20261206T090000'], ['690000011', '20261206T090000', '20261206T190000']]);
    const meta = await packs.import('rotas', file);
    expect(meta).toMatchObject({ rows: 2, badRows: 0 });
    const db = new Database(packs.path('rotas'), { readonly: true });
    expect(db.prepare('SELECT finess, start_ms FROM duties ORDER BY start_ms').all()).toEqual([
      { finess: '690000029', start_ms: Date.parse('2026-12-05T18:00:00Z') },
      { finess: '690000011', start_ms: Date.parse('2026-12-06T08:00:00Z') },
    ]);
    db.close();
  });

  it('imports the Annuaire Santé PS_LibreAcces extraction, data date from the file name, bad rows counted', async () => {
    const file = join(dir.path, 'PS_LibreAcces_Personne_activite_202612010830.txt');
    await writeRppsFile(file, 3, [rppsLine(7, { 'Identifiant PP': '12345678900' }), 'trop|court']);
    const meta = await packs.import('rpps', file);
    expect(meta).toMatchObject({ kind: 'rpps', dataDate: '2026-12-01', rows: 3, badRows: 2 });
    expect(meta.badSamples[0]).toBe('ligne 5 : identifiant RPPS invalide « 12345678900 »');
    const db = new Database(packs.path('rpps'), { readonly: true });
    expect(db.prepare('SELECT last_name, profession, specialty, address, city, phone FROM practitioners LIMIT 1').get()).toEqual({ last_name: 'MARTIN0', profession: 'Médecin', specialty: 'Médecine Générale', address: '12 Rue de la Mairie', city: 'Brussieu', phone: '0478000000' });
    db.close();
  });

  it('a kill -9 in the middle of an import leaves the previous pack whole and usable', async () => {
    const big = join(dir.path, 'PS_LibreAcces_Personne_activite_202612030830.txt');
    await writeRppsFile(big, 400_000);
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, '../../support/killImportChild.ts'), dir.path, big], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve, reject) => {
      child.stdout.on('data', (chunk: Buffer) => {
        if (/progress \d+/.test(chunk.toString())) {
          child.kill('SIGKILL');
          resolve();
        }
        if (chunk.toString().includes('done')) reject(new Error('the import finished before it could be killed'));
      });
      child.on('error', reject);
    });
    await new Promise((resolve) => child.on('exit', resolve));
    expect(existsSync(`${packs.path('rpps')}.importing`)).toBe(true);
    expect(packs.meta('rpps')).toMatchObject({ dataDate: '2026-12-01', rows: 3 });
    const db = new Database(packs.path('rpps'), { readonly: true });
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare('SELECT count(*) FROM practitioners').pluck().get()).toBe(3);
    db.close();
    // The next import starts from a fresh scratch file.
    const small = join(dir.path, 'PS_LibreAcces_Personne_activite_202612040830.txt');
    await writeRppsFile(small, 5);
    expect(await packs.import('rpps', small)).toMatchObject({ rows: 5, dataDate: '2026-12-04' });
    expect(existsSync(`${packs.path('rpps')}.importing`)).toBe(false);
  }, 60_000);
});
