import { parseArgs } from 'node:util';
import { loadWorkstationConfig } from '../../config/workstationConfig';
import { AddressService } from '../addressService';

/**
 * `npm run ban:import -- <adresses-XX.csv> --config <workstation.json>` (or `--data-dir <dir>`):
 * builds the offline address index the located-address field falls back on.
 */
const { values, positionals } = parseArgs({ allowPositionals: true, options: { config: { type: 'string' }, 'data-dir': { type: 'string' } } });
const csv = positionals[0];
const dataDir = values['data-dir'] ?? (values.config ? loadWorkstationConfig(values.config).dataDir : undefined);
if (!csv || !dataDir) {
  console.error('usage: npm run ban:import -- <adresses-XX.csv> --config <workstation.json> | --data-dir <dir>');
  process.exit(2);
}
const service = new AddressService({ dataDir, banBaseUrl: null, timeoutMs: 2000 });
try {
  const result = await service.importCsv(csv, (p) => {
    const percent = p.totalBytes > 0 ? Math.round((100 * p.bytesRead) / p.totalBytes) : 100;
    process.stderr.write(`\r${percent.toString().padStart(3)} %  ${p.rows.toLocaleString('fr-FR')} adresses`);
  });
  process.stderr.write('\n');
  console.log(`${result.rows} rows, ${result.streets} streets, ${result.communes} communes in ${result.seconds.toFixed(1)} s → ${service.indexPath}`);
} catch (error) {
  process.stderr.write('\n');
  console.error(`import failed, the previous index (if any) is unchanged: ${(error as Error).message}`);
  process.exitCode = 1;
} finally {
  service.close();
}
