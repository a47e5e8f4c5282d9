import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PharmacyIndex } from '../../electron/services/reference/pharmacyIndex';
import { ReferencePacks } from '../../electron/services/reference/referencePacks';
import { wgs84ToLambert93 } from '../../shared/domain/lambert93';
import { pharmaciesOnDuty } from '../../shared/domain/pharmacyOnDuty';
import { finessStructureLine, writeRppsFile } from '../support/referenceFiles';
import { makeTempDir } from '../support/tempDir';
import { line, time } from './stats';

const OFFICINES = Number(process.env.BENCH_OFFICINES ?? 20_000);
const RPPS_ROWS = Number(process.env.BENCH_RPPS_ROWS ?? 1_000_000);

/**
 * Pharmacy on duty from a national-size FINESS pack (~20,000 officines) and a year of rotas for
 * one département (target p99 ≤ 20 ms); RPPS extraction import rate (~1 M rows, target ≥ 50,000 rows/s).
 */
export async function orientationBench(): Promise<string[]> {
  const dir = makeTempDir('plateau-bench-orientation-');
  try {
    const packs = new ReferencePacks({ dataDir: dir.path, timeZone: 'Europe/Paris' });
    let seed = 42;
    const random = () => ((seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31);
    const finess = (i: number) => `69${String(i).padStart(7, '0')}`;
    const lines = ['finess;etalab;100;2026-12-02'];
    const geo: string[] = [];
    for (let i = 0; i < OFFICINES; i += 1) {
      lines.push(finessStructureLine({ finess: finess(i), name: `Pharmacie ${i}`, numvoie: '1', voie: 'GRANDE RUE', departement: '69', commune: '123', acheminement: '69000 VILLE', telephone: '0478000000' }));
      const { x, y } = wgs84ToLambert93(-1 + 8 * random(), 43 + 6 * random());
      geo.push(`geolocalisation;${finess(i)};${x.toFixed(1)};${y.toFixed(1)};1,ATLASANTE,100,IGN,BD_ADRESSE,V2.2,LAMBERT_93;2026-12-02`);
    }
    writeFileSync(join(dir.path, 'finess.csv'), `${[...lines, ...geo].join('\n')}\n`);
    await packs.import('pharmacies', join(dir.path, 'finess.csv'));
    // One département, 40 duty sectors: a night duty every day, a day duty on Sundays, for a year.
    const rota = ['finess;debut;fin'];
    for (let day = 0; day < 365; day += 1) {
      const date = new Date(Date.UTC(2026, 0, 1 + day));
      const next = new Date(Date.UTC(2026, 0, 2 + day));
      const ymd = (d: Date) => d.toISOString().slice(0, 10);
      for (let sector = 0; sector < 40; sector += 1) {
        const who = finess(Math.floor(random() * 800));
        rota.push(`${who};${ymd(date)} 19:00;${ymd(next)} 09:00`);
        if (date.getUTCDay() === 0) rota.push(`${finess(Math.floor(random() * 800))};${ymd(date)} 09:00;${ymd(date)} 19:00`);
      }
    }
    writeFileSync(join(dir.path, 'gardes.csv'), `${rota.join('\n')}\n`);
    const rotaMeta = await packs.import('rotas', join(dir.path, 'gardes.csv'));
    const index = new PharmacyIndex(packs.path('pharmacies'), packs.path('rotas'));
    const year = Date.parse('2026-01-01T00:00:00Z');
    const lookup = await time(2000, 100, (i) => {
      const at = year + ((Math.abs(i) * 7_919_993) % (364 * 86_400_000));
      const snapshot = index.at(at);
      return pharmaciesOnDuty(snapshot.duties, snapshot.pharmacies, at, { lat: 45.75, lon: 4.6 });
    });
    index.close();

    const rppsFile = join(dir.path, 'PS_LibreAcces_Personne_activite_202612010830.txt');
    await writeRppsFile(rppsFile, RPPS_ROWS);
    const started = performance.now();
    const rpps = await packs.import('rpps', rppsFile);
    const seconds = (performance.now() - started) / 1000;
    return [
      line('orientation.rota.duties', rotaMeta.rows, 'duties'),
      line('orientation.pharmacy_on_duty.p50', lookup.p50, 'ms'),
      line('orientation.pharmacy_on_duty.p99', lookup.p99, 'ms'),
      line('orientation.rpps_import.rows', rpps.rows, 'rows'),
      line('orientation.rpps_import.rate', rpps.rows / seconds, 'rows/s'),
    ];
  } finally {
    dir.cleanup();
  }
}
