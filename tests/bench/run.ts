import { dossierScaleBench } from './dossierScaleBench';
import { geoBench } from './geoBench';
import { hubBench } from './hubBench';
import { indicatorBench } from './indicatorBench';
import { journalBench } from './journalBench';
import { keystrokeBench } from './keystrokeBench';
import { keystrokeCountBench } from './keystrokeCountBench';
import { orientationBench } from './orientationBench';
import { startupBench } from './startupBench';
import { softphoneBench } from './softphoneBench';
import { roomBench } from './roomBench';

/**
 * `npm run bench [-- <name>…]`: every benchmark (or the ones named) in sequence, one line per
 * figure. Measures; asserts nothing.
 */
const benches: Array<[string, () => Promise<string[]>]> = [
  ['journal', journalBench],
  ['geo', geoBench],
  ['dossiers at scale', dossierScaleBench],
  ['startup', startupBench],
  ['triage form', keystrokeBench],
  ['keystroke counts', keystrokeCountBench],
  ['softphone', softphoneBench],
  ['hub', hubBench],
  ['orientation', orientationBench],
  ['indicators', indicatorBench],
  ['room', roomBench],
];

const wanted = process.argv.slice(2);
const unknown = wanted.filter((name) => !benches.some(([known]) => known === name));
if (unknown.length > 0) {
  console.error(`unknown bench ${unknown.join(', ')}; known: ${benches.map(([name]) => name).join(', ')}`);
  process.exit(2);
}
for (const [name, bench] of benches) {
  if (wanted.length > 0 && !wanted.includes(name)) continue;
  console.log(`# ${name}`);
  for (const figure of await bench()) console.log(figure);
}
