import { ReferencePacks } from '../../electron/services/reference/referencePacks';

/** Child process for the kill -9 test: imports an RPPS file and reports progress on stdout. */
const [dataDir, file] = process.argv.slice(2) as [string, string];
await new ReferencePacks({ dataDir, timeZone: 'Europe/Paris' }).import('rpps', file, (p) => process.stdout.write(`progress ${p.rows}\n`));
process.stdout.write('done\n');
