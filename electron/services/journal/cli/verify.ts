import { CannotVerify, verifyJournalFile } from '../verifyReport';

/**
 * `npm run journal:verify -- <file>`: the hash chain and SQLite's integrity check, read-only.
 * Exit 0 all good, 1 a check failed, 2 cannot check (usage, missing file, not a journal).
 */
const args = process.argv.slice(2);
if (args.length !== 1 || args[0]!.startsWith('-')) {
  console.error('usage: npm run journal:verify -- <path to plateau-journal.sqlite3>');
  process.exit(2);
}
const file = args[0]!;
try {
  const report = verifyJournalFile(file);
  for (const line of report.lines) console.log(line);
  console.log(report.ok ? 'result:    OK' : 'result:    FAILED');
  process.exit(report.ok ? 0 : 1);
} catch (error) {
  console.error(error instanceof CannotVerify ? `cannot verify ${error.message}` : `cannot verify ${file}: ${String(error)}`);
  process.exit(2);
}
