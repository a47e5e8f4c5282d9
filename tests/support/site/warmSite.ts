import { createInterface } from 'node:readline';
import { runSite } from '../../../electron/services/site/cli/runSite';

/**
 * The site service's command line, loaded but not yet run: it says `warm` once every module is
 * in, then runs the site with the arguments of the first line on stdin (a JSON array). Until then
 * it holds no port and no database connection, so running it is a cold start of the site in
 * everything but module loading. Stdin closed before that line: nobody needs it, it leaves.
 */
let started = false;
const lines = createInterface({ input: process.stdin });
lines.once('line', (line) => {
  started = true;
  lines.close();
  process.stdin.unref();
  void runSite(JSON.parse(line) as string[]);
});
lines.once('close', () => {
  if (!started) process.exit(0);
});
process.stdout.write('warm\n');
