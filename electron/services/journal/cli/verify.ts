import { JournalError } from '../journalError';
import { verifyJournalFile } from '../verifyReport';

/** `npm run journal:verify -- <file>`: exit 0 all good, 1 a check failed, 2 cannot check. */
const file = process.argv[2];
if (!file) {
  console.error('usage: npm run journal:verify -- <path to plateau-journal.sqlite3>');
  process.exit(2);
}
try {
  const report = verifyJournalFile(file);
  for (const line of report.lines) console.log(line);
  console.log(report.ok ? 'result:    OK' : 'result:    FAILED');
  process.exit(report.ok ? 0 : 1);
} catch (error) {
  console.error(error instanceof JournalError ? `${error.code}: ${error.message}` : String(error));
  process.exit(2);
}
