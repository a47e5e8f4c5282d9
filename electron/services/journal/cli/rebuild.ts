import { Journal } from '../journal';
import { JournalError } from '../journalError';

/**
 * `npm run journal:rebuild -- <file>`: drops and refolds every projection from the events, then
 * verifies the chain. For IT, with Plateau closed on that workstation (it takes the write lock).
 */
const file = process.argv[2];
if (!file) {
  console.error('usage: npm run journal:rebuild -- <path to plateau-journal.sqlite3>');
  process.exit(2);
}
try {
  const journal = Journal.open(file, { workstation: 'journal-rebuild', hubClientId: 'fr.health.samu000' });
  try {
    const started = performance.now();
    journal.rebuildProjections();
    const chain = journal.verify();
    console.log(`projections rebuilt from ${chain.events} events in ${Math.round(performance.now() - started)} ms`);
    console.log(chain.ok ? 'chain: ok' : `chain: BROKEN at seq ${chain.brokenAt}: ${chain.problem}`);
    process.exitCode = chain.ok ? 0 : 1;
  } finally {
    journal.close();
  }
} catch (error) {
  console.error(error instanceof JournalError ? `${error.code}: ${error.message}` : String(error));
  process.exit(2);
}
