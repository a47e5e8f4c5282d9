import { existsSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/services/api';
import { createServices, type Services } from '../../../electron/services/composition';
import { ftsQuery } from '../../../electron/services/reference/banIndex';
import { writeBanCsv } from '../../support/banCsv';
import { startGeoCodeJsonServer } from '../../support/geoCodeJsonServer';
import { makeTempDir } from '../../support/tempDir';
import { testConfig } from '../../support/testConfig';
import { signIn, TEST_SCRYPT } from '../../support/operators';

describe('located address: national service first, offline index when it fails', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let geo: Awaited<ReturnType<typeof startGeoCodeJsonServer>>;
  let services: Services;
  const search = async (query: string) => {
    const result = await dispatch(services.api, 'address:search', { query });
    if (!result.ok) throw new Error(result.error.message);
    return result.value as { source: string; degraded: string | null; offlineIndex: boolean; results: Array<Record<string, unknown>> };
  };

  beforeAll(async () => {
    dir = makeTempDir();
    geo = await startGeoCodeJsonServer();
    services = createServices(testConfig(dir.path, { geo: { banBaseUrl: geo.url, timeoutMs: 2000 } }), { scryptParams: TEST_SCRYPT });
    await signIn(services);
  });
  afterAll(async () => {
    services.close();
    await geo.close();
    dir.cleanup();
  });

  it('answers from the national service with INSEE code, coordinates and precision', async () => {
    geo.setMode('ok');
    const answer = await search('12 rue de la républ');
    expect(answer).toMatchObject({ source: 'BAN', degraded: null });
    expect(answer.results[0]).toMatchObject({ houseNumber: '12', street: 'Rue de la République', inseeCode: '69382', postcode: '69002', precision: 'ADRESSE', lat: 45.7578, lon: 4.835 });
    expect(answer.results[1]).toMatchObject({ precision: 'RUE', street: 'Rue de la République' });
    expect(geo.queries.at(-1)).toBe('12 rue de la républ');
  });

  it('says when it is down and no offline index was imported yet', async () => {
    geo.setMode('error');
    expect(await search('rue de la république')).toEqual({ source: 'OFFLINE', degraded: 'http', offlineIndex: false, results: [] });
  });

  it('imports a département file with progress, atomically', async () => {
    const csv = join(dir.path, 'adresses-69.csv');
    writeBanCsv(csv, 25_000);
    const progress: number[] = [];
    const result = await services.addresses.importCsv(csv, (p) => progress.push(p.rows));
    expect(result.rows).toBe(25_000);
    expect(result.streets).toBe(5);
    expect(result.communes).toBe(4); // Lyon 2e and 7e are communes of their own (INSEE 69382, 69387)
    expect(progress.slice(0, 2)).toEqual([10_000, 20_000]);
    expect(progress.at(-1)).toBe(25_000);
    expect(existsSync(`${services.addresses.indexPath}.importing`)).toBe(false);

    // A broken file does not replace the good index.
    const size = statSync(services.addresses.indexPath).size;
    const bad = join(dir.path, 'not-ban.csv');
    writeFileSync(bad, 'a;b;c\n1;2;3\n');
    await expect(services.addresses.importCsv(bad)).rejects.toThrow(/not a BAN address file/);
    expect(statSync(services.addresses.indexPath).size).toBe(size);
  });

  it.each([
    ['slow (> 2 s)', 'slow', 'timeout'],
    ['down', 'error', 'http'],
    ['answering garbage', 'garbage', 'garbage'],
    ['answering the wrong shape', 'wrongShape', 'garbage'],
  ] as const)('falls back to the offline index when the service is %s, and says so', async (_name, mode, degraded) => {
    geo.setMode(mode);
    const started = Date.now();
    const answer = await search('12 republique lyon');
    expect(Date.now() - started).toBeLessThan(2_900);
    expect(answer).toMatchObject({ source: 'OFFLINE', degraded, offlineIndex: true });
    expect(answer.results[0]).toMatchObject({ houseNumber: '12', street: 'Rue de la République', city: 'Lyon', inseeCode: '69382', precision: 'ADRESSE' });
  });

  it('finds streets and communes offline, accents and case ignored', async () => {
    geo.setMode('error');
    const street = await search('rue emile zola villeurb');
    expect(street.results.some((r) => r.precision === 'RUE' && r.inseeCode === '69266')).toBe(true);
    const commune = await search('saint genis');
    expect(commune.results.some((r) => r.precision === 'VILLE' && r.city === 'Saint-Genis-Laval')).toBe(true);
  });

  it('never reads user text as search syntax', async () => {
    geo.setMode('error');
    expect(ftsQuery('rue" OR 1 NEAR(')).toBe('"rue"* "or"* "1"* "near"*');
    await expect(search('"*) OR (')).resolves.toMatchObject({ source: 'OFFLINE' });
    expect(ftsQuery('  ,;  ')).toBeNull();
  });
});
