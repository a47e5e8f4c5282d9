import { closeSync, openSync } from 'node:fs';
import { Journal } from '../../../electron/services/journal/journal';
import { JournalError } from '../../../electron/services/journal/journalError';

/**
 * Opens a journal and prints the outcome as JSON: run as another user to test permissions.
 * `canWrite` says whether this process could open the file for writing at all, so that the
 * test knows its read-only set-up really is read-only (root writes through file modes).
 */
const [path] = process.argv.slice(2) as [string];
let canWrite: boolean;
try {
  closeSync(openSync(path, 'r+'));
  canWrite = true;
} catch {
  canWrite = false;
}
try {
  const journal = Journal.open(path, { workstation: 'probe', hubClientId: 'fr.health.samu690', busyTimeoutMs: 200 });
  journal.close();
  process.stdout.write(JSON.stringify({ canWrite, ok: true }));
} catch (error) {
  process.stdout.write(JSON.stringify({ canWrite, ok: false, code: error instanceof JournalError ? error.code : 'UNEXPECTED', message: String((error as Error).message) }));
}
