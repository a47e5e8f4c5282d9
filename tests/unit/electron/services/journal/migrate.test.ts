import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, userVersion } from '../../../../../electron/services/journal/migrate';
import { LATEST_VERSION, MIGRATIONS, type Migration } from '../../../../../electron/services/journal/migrations';
import { makeTempDir } from '../../../../support/tempDir';

describe('migrations', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let db: Database.Database;
  beforeEach(() => {
    dir = makeTempDir();
    db = new Database(join(dir.path, 'm.sqlite3'));
  });
  afterEach(() => {
    db.close();
    dir.cleanup();
  });

  it('are numbered 1, 2, 3… without gaps', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_m, i) => i + 1));
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
  });

  it('001 creates STRICT tables, the append-only triggers and the indexes', () => {
    migrate(db, 'm', MIGRATIONS.slice(0, 1));
    expect(userVersion(db)).toBe(1);
    const tables = db.prepare("SELECT name, sql FROM sqlite_schema WHERE type = 'table'").all() as Array<{ name: string; sql: string }>;
    expect(tables.map((t) => t.name).sort()).toEqual(['dossiers', 'events', 'outbox']);
    for (const table of tables) expect(table.sql, table.name).toMatch(/\)\s*STRICT(, WITHOUT ROWID)?$/);
    const triggers = db.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger'").pluck().all();
    expect(triggers).toEqual(expect.arrayContaining(['events_no_update', 'events_no_delete', 'events_seq_gap_free']));
    expect(() => db.prepare("INSERT INTO outbox (event_seq, message_kind, distribution_id, state, created_at, updated_at) VALUES (1, 'RS-EDA', 'd', 'LOST', 'a', 'a')").run()).toThrow(/CHECK/);
  });

  it('applies every pending migration in one transaction: a failing one leaves nothing behind', () => {
    const broken: Migration[] = [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'broken', sql: 'CREATE TABLE ok_table (x INTEGER) STRICT; THIS IS NOT SQL;' }];
    expect(() => migrate(db, 'm', broken)).toThrow();
    expect(userVersion(db)).toBe(0);
    expect(db.prepare("SELECT count(*) FROM sqlite_schema WHERE type = 'table'").pluck().get()).toBe(0);
  });

  it('does nothing when up to date', () => {
    migrate(db, 'm');
    const schema = db.prepare('SELECT sql FROM sqlite_schema ORDER BY name').pluck().all();
    expect(migrate(db, 'm')).toBe(LATEST_VERSION);
    expect(db.prepare('SELECT sql FROM sqlite_schema ORDER BY name').pluck().all()).toEqual(schema);
  });

  it('refuses a database newer than the code', () => {
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    expect(() => migrate(db, 'm')).toThrow(expect.objectContaining({ code: 'E_JOURNAL_TOO_NEW' }));
  });
});
