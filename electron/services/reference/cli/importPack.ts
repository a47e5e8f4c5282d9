import { parseArgs } from 'node:util';
import { PACK_KINDS, type PackKind } from '../../../../shared/domain/referencePack';
import { loadWorkstationConfig } from '../../config/workstationConfig';
import { ReferencePacks } from '../referencePacks';

/**
 * `npm run pack:import -- <ban|rpps|pharmacies|rotas> <file> --config <workstation.json>` (or
 * `--data-dir <dir> [--time-zone Europe/Paris]`): builds or replaces an offline reference pack.
 * Exit 0 imported (bad rows, if any, listed), 1 refused (the previous pack is unchanged), 2 usage.
 */
const { values, positionals } = parseArgs({ allowPositionals: true, options: { config: { type: 'string' }, 'data-dir': { type: 'string' }, 'time-zone': { type: 'string' } } });
const [kind, file] = positionals;
const config = values.config ? loadWorkstationConfig(values.config) : null;
const dataDir = values['data-dir'] ?? config?.dataDir;
if (!kind || !PACK_KINDS.includes(kind as PackKind) || !file || !dataDir) {
  console.error(`usage: npm run pack:import -- <${PACK_KINDS.join('|')}> <file> --config <workstation.json> | --data-dir <dir>`);
  process.exit(2);
}
const packs = new ReferencePacks({ dataDir, timeZone: values['time-zone'] ?? config?.timeZone ?? 'Europe/Paris', maxAgeDays: config?.referencePacks.maxAgeDays });
try {
  const started = performance.now();
  const meta = await packs.import(kind as PackKind, file, (p) => {
    const percent = p.totalBytes > 0 ? Math.round((100 * p.bytesRead) / p.totalBytes) : 100;
    process.stderr.write(`\r${percent.toString().padStart(3)} %  ${p.rows.toLocaleString('fr-FR')} lignes`);
  });
  process.stderr.write('\n');
  const seconds = (performance.now() - started) / 1000;
  console.log(`${kind}: ${meta.rows} rows imported, ${meta.badRows} refused, data of ${meta.dataDate}, in ${seconds.toFixed(1)} s → ${packs.path(kind as PackKind)}`);
  for (const sample of meta.badSamples) console.log(`  refused: ${sample}`);
} catch (error) {
  process.stderr.write('\n');
  console.error(`import failed, the previous pack (if any) is unchanged: ${(error as Error).message}`);
  process.exitCode = 1;
}
