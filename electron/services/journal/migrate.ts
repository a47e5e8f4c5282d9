import type Database from 'better-sqlite3';
import { JournalError } from './journalError';
import { LATEST_VERSION, MIGRATIONS, type Migration } from './migrations';

export function userVersion(db: Database.Database): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Applies every pending migration in one transaction (all or nothing), and refuses a database
 * written by a newer version of the code rather than guessing at its schema.
 */
export function migrate(db: Database.Database, path: string, migrations: readonly Migration[] = MIGRATIONS): number {
  const latest = migrations.at(-1)?.version ?? LATEST_VERSION;
  const current = userVersion(db);
  if (current > latest) {
    throw new JournalError(
      'E_JOURNAL_TOO_NEW',
      `Journal ${path} has schema version ${current}, newer than this Plateau (${latest}); install the newer version — the file was left untouched`,
    );
  }
  const pending = migrations.filter((m) => m.version > current);
  if (pending.length === 0) return current;
  db.transaction(() => {
    for (const migration of pending) {
      db.exec(migration.sql);
      db.pragma(`user_version = ${migration.version}`);
    }
  }).immediate();
  return userVersion(db);
}
