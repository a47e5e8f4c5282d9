import { Journal } from '../../../electron/services/journal/journal';
import { JournalError } from '../../../electron/services/journal/journalError';

/** Opens a journal and prints the outcome as JSON: run as another user to test permissions. */
const [path] = process.argv.slice(2) as [string];
try {
  const journal = Journal.open(path, { workstation: 'probe', hubClientId: 'fr.health.samu690', busyTimeoutMs: 200 });
  journal.close();
  process.stdout.write(JSON.stringify({ ok: true }));
} catch (error) {
  process.stdout.write(JSON.stringify({ ok: false, code: error instanceof JournalError ? error.code : 'UNEXPECTED', message: String((error as Error).message) }));
}
