import { join } from 'node:path';
import { AddressService } from '../../electron/services/geo/addressService';
import { writeBanCsv } from '../support/banCsv';
import { makeTempDir } from '../support/tempDir';
import { line, time } from './stats';

const ROWS = Number(process.env.BENCH_BAN_ROWS ?? 300_000);

/** BAN import of a département-sized file (target ≤ 15 s for 300,000 rows) and offline look-up p99 (target ≤ 20 ms). */
export async function geoBench(): Promise<string[]> {
  const dir = makeTempDir('plateau-bench-geo-');
  try {
    const csv = join(dir.path, 'adresses-69.csv');
    // ~25 numbers per street, as in a real département file (12,000 streets, 300 communes).
    writeBanCsv(csv, ROWS, Math.round(ROWS / 25));
    const service = new AddressService({ dataDir: dir.path, banBaseUrl: null, timeoutMs: 2000 });
    const result = await service.importCsv(csv);
    const queries = ['12 rue victor hu', 'avenue jean moul', 'place de la paix commune 12', 'chemin des ecoles', '3 impasse des lilas', 'commune 27', 'rue', '1 r', '14 bis boulevard past'];
    const lookup = await time(2000, 100, (i) => service.search(queries[Math.abs(i) % queries.length]!, 8));
    service.close();
    return [
      line('ban.import.rows', result.rows, 'rows'),
      line('ban.import.seconds', result.seconds, 's'),
      line('ban.import.rate', result.rows / result.seconds, 'rows/s'),
      line('ban.offline_lookup.p50', lookup.p50, 'ms'),
      line('ban.offline_lookup.p99', lookup.p99, 'ms'),
    ];
  } finally {
    dir.cleanup();
  }
}
