import { dossierScaleBench } from './dossierScaleBench';
import { geoBench } from './geoBench';
import { journalBench } from './journalBench';

/** `npm run bench`: every benchmark in sequence, one line per figure. Measures; asserts nothing. */
const benches: Array<[string, () => Promise<string[]>]> = [
  ['journal', journalBench],
  ['geo', geoBench],
  ['dossiers at scale', dossierScaleBench],
];

for (const [name, bench] of benches) {
  console.log(`# ${name}`);
  for (const figure of await bench()) console.log(figure);
}
