import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate, userVersion } from '../../../../../electron/services/journal/migrate';
import { LATEST_VERSION, MIGRATIONS, type Migration } from '../../../../../electron/services/journal/migrations';
import { makeTempDir } from '../../../../support/tempDir';

/** Versions that have their own test below: a new migration without one fails the guard test. */
const TESTED_VERSIONS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17];

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

  const upTo = (version: number) => migrate(db, 'm', MIGRATIONS.slice(0, version));
  const schema = () => db.prepare('SELECT type, name, tbl_name, sql FROM sqlite_schema ORDER BY name').all();
  const columns = (table: string) => db.prepare<[string], { name: string; type: string; notnull: number; dflt_value: string | null }>('SELECT name, type, "notnull", dflt_value FROM pragma_table_info(?)').all(table);
  const objects = (type: 'table' | 'index' | 'trigger') => db.prepare<[string], string>('SELECT name FROM sqlite_schema WHERE type = ?').pluck().all(type);
  const sqlOf = (name: string) => db.prepare<[string], string>('SELECT sql FROM sqlite_schema WHERE name = ?').pluck().get(name) ?? '';
  /** Tables the code declares: FTS5's shadow tables (`<table>_data`, …) are SQLite's own. */
  const declaredTables = () => {
    const virtual = db.prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL TABLE%'").pluck().all();
    return objects('table').filter((name) => !virtual.includes(name) && !virtual.some((v) => name.startsWith(`${v}_`)));
  };
  const insertDossier = (id: string, extra: Record<string, string> = {}) => {
    const row = { id, local_number: `DRFR15690263270000${id}`, case_id: 'c', kind: 'DRM', state: 'ACTIF', origin: '15', caller_phone: '+33612345678', motive: 'm', priority: 'P1', created_at: 'a', updated_at: 'a', last_seq: 1, ...extra };
    db.prepare(`INSERT INTO dossiers (${Object.keys(row).join(', ')}) VALUES (${Object.keys(row).map((k) => `@${k}`).join(', ')})`).run(row);
  };

  it('are numbered 1, 2, 3… without gaps, and each has its own test here', () => {
    expect(MIGRATIONS.map((m) => m.version)).toEqual(MIGRATIONS.map((_m, i) => i + 1));
    expect(LATEST_VERSION).toBe(MIGRATIONS.length);
    expect(MIGRATIONS.map((m) => m.version)).toEqual(TESTED_VERSIONS);
  });

  it('001 creates STRICT tables (events, dossiers, outbox), the append-only triggers and the indexes', () => {
    upTo(1);
    expect(userVersion(db)).toBe(1);
    expect(objects('table').sort()).toEqual(['dossiers', 'events', 'outbox']);
    for (const table of objects('table')) expect(sqlOf(table), table).toMatch(/\)\s*STRICT(, WITHOUT ROWID)?$/);
    expect(objects('trigger').sort()).toEqual(['events_no_delete', 'events_no_update', 'events_seq_gap_free']);
    expect(objects('index')).toEqual(expect.arrayContaining(['events_by_dossier', 'dossiers_by_state', 'outbox_pending']));
    // The triggers act, they are not just present.
    db.prepare("INSERT INTO events (seq, id, type, payload, actor_id, actor_role, workstation, at, hlc, prev_hash, hash) VALUES (1, 'e1', 't', '{}', 'a', 'r', 'w', 'at', 'h', 'p', 'h1')").run();
    expect(() => db.prepare("UPDATE events SET payload = '{\"x\":1}'").run()).toThrow(/append-only: UPDATE refused/);
    expect(() => db.prepare('DELETE FROM events').run()).toThrow(/append-only: DELETE refused/);
    expect(() => db.prepare("INSERT INTO events (seq, id, type, payload, actor_id, actor_role, workstation, at, hlc, prev_hash, hash) VALUES (3, 'e3', 't', '{}', 'a', 'r', 'w', 'at', 'h', 'p', 'h3')").run()).toThrow(/gap-free/);
    // STRICT refuses a value of the wrong type instead of storing it.
    expect(() => db.prepare("INSERT INTO events (seq, id, type, payload, actor_id, actor_role, workstation, at, hlc, prev_hash, hash) VALUES (2, 'e2', 't', X'7b7d', 'a', 'r', 'w', 'at', 'h', 'p', 'h2')").run()).toThrow(/cannot store BLOB value in TEXT column/);
    expect(() => db.prepare("INSERT INTO outbox (event_seq, message_kind, distribution_id, state, created_at, updated_at) VALUES (1, 'RS-EDA', 'd', 'LOST', 'a', 'a')").run()).toThrow(/CHECK/);
  });

  it('002 adds the dossier details (existing rows get {}), the patients table (STRICT) and the repeat-caller indexes', () => {
    upTo(1);
    insertDossier('1');
    upTo(2);
    expect(userVersion(db)).toBe(2);
    expect(columns('dossiers').find((c) => c.name === 'details')).toMatchObject({ type: 'TEXT', notnull: 1, dflt_value: "'{}'" });
    expect(db.prepare("SELECT details FROM dossiers WHERE id = '1'").pluck().get()).toBe('{}');
    expect(sqlOf('dossier_patients')).toMatch(/\)\s*STRICT, WITHOUT ROWID$/);
    expect(objects('index')).toEqual(expect.arrayContaining(['dossiers_by_phone', 'dossier_patients_by_identity']));
    expect(db.prepare("EXPLAIN QUERY PLAN SELECT id FROM dossiers WHERE caller_phone = '+33612345678' AND created_at > 'a'").all()).toEqual(
      expect.arrayContaining([expect.objectContaining({ detail: expect.stringContaining('dossiers_by_phone') })]),
    );
  });

  it('003 adds the branch queue and the callback deadline (NULL on existing rows) with the queue index', () => {
    upTo(2);
    insertDossier('1');
    upTo(3);
    expect(userVersion(db)).toBe(3);
    expect(columns('dossiers').map((c) => c.name)).toEqual(expect.arrayContaining(['queue', 'callback_due_at']));
    expect(db.prepare("SELECT queue, callback_due_at FROM dossiers WHERE id = '1'").get()).toEqual({ queue: null, callback_due_at: null });
    expect(sqlOf('dossiers_by_queue')).toMatch(/WHERE state = 'ACTIF'/);
  });

  it('004 adds the free-text search index (FTS5: prefixes, accents folded) and its key on dossiers', () => {
    upTo(3);
    insertDossier('1');
    upTo(4);
    expect(userVersion(db)).toBe(4);
    expect(columns('dossiers').find((c) => c.name === 'search_rowid')).toMatchObject({ type: 'INTEGER', notnull: 0 });
    expect(sqlOf('dossier_search')).toMatch(/^CREATE VIRTUAL TABLE dossier_search USING fts5/);
    db.prepare('INSERT INTO dossier_search (rowid, dossier_id, text) VALUES (7, ?, ?)').run('1', 'Hélène Dupré douleur thoracique');
    expect(db.prepare("SELECT rowid, dossier_id FROM dossier_search WHERE dossier_search MATCH 'helene AND dup*'").all()).toEqual([{ rowid: 7, dossier_id: '1' }]);
  });

  it('005 drops the unused state index and keeps the search rows in a leaner index that still answers prefix searches', () => {
    upTo(4);
    insertDossier('1');
    db.prepare('INSERT INTO dossier_search (rowid, dossier_id, text) VALUES (7, ?, ?)').run('1', 'Hélène Dupré douleur thoracique');
    upTo(5);
    expect(userVersion(db)).toBe(5);
    expect(objects('index')).not.toContain('dossiers_by_state');
    expect(sqlOf('dossier_search')).toMatch(/detail = column, columnsize = 0/);
    expect(objects('table')).not.toContain('dossier_search_lean');
    // The row written before the migration is still found, by prefix and without accents.
    expect(db.prepare("SELECT rowid, dossier_id FROM dossier_search WHERE dossier_search MATCH '\"helene\"* \"dup\"*'").all()).toEqual([{ rowid: 7, dossier_id: '1' }]);
    // The open queue still has an index to read.
    expect(db.prepare("EXPLAIN QUERY PLAN SELECT id FROM dossiers WHERE state = 'ACTIF'").all()).toEqual(
      expect.arrayContaining([expect.objectContaining({ detail: expect.stringContaining('dossiers_by_queue') })]),
    );
  });

  it('006 adds the call log (STRICT) with the lost-call index the call-back list reads', () => {
    upTo(5);
    upTo(6);
    expect(userVersion(db)).toBe(6);
    expect(sqlOf('calls')).toMatch(/\)\s*STRICT, WITHOUT ROWID$/);
    expect(columns('calls').find((c) => c.name === 'dossier_id')).toMatchObject({ type: 'TEXT', notnull: 0 });
    expect(() => db.prepare("INSERT INTO calls (id, sip_call_id, direction, state, presented_at, last_seq) VALUES ('c', 's', 'sideways', 'ended', 'a', 1)").run()).toThrow(/CHECK/);
    expect(db.prepare("EXPLAIN QUERY PLAN SELECT * FROM calls WHERE direction = 'inbound' AND state = 'ended' AND answered_at IS NULL AND presented_at >= 'a' ORDER BY presented_at DESC").all()).toEqual(
      expect.arrayContaining([expect.objectContaining({ detail: expect.stringContaining('calls_lost') })]),
    );
  });

  it('007 adds the operators projection and the credentials table (STRICT), login unique, only scrypt accepted', () => {
    upTo(6);
    upTo(7);
    expect(userVersion(db)).toBe(7);
    expect(sqlOf('operators')).toMatch(/\)\s*STRICT, WITHOUT ROWID$/);
    expect(sqlOf('operator_credentials')).toMatch(/\)\s*STRICT, WITHOUT ROWID$/);
    db.prepare("INSERT INTO operators (id, login, display_name, role, created_at) VALUES ('o1', 'arm1', 'A', 'ARM', 'a')").run();
    expect(db.prepare("SELECT failed_attempts, locked_until, active FROM operators WHERE id = 'o1'").get()).toEqual({ failed_attempts: 0, locked_until: null, active: 1 });
    expect(() => db.prepare("INSERT INTO operators (id, login, display_name, role, created_at) VALUES ('o2', 'arm1', 'B', 'ARM', 'a')").run()).toThrow(/UNIQUE/);
    expect(() => db.prepare("INSERT INTO operator_credentials (operator_id, algorithm, params, salt, hash, updated_at) VALUES ('o1', 'md5', '{}', 's', 'h', 'a')").run()).toThrow(/CHECK/);
  });

  it('008 adds the callback list (STRICT) with its index of open callbacks by deadline, one callback per lost call', () => {
    upTo(7);
    upTo(8);
    expect(userVersion(db)).toBe(8);
    expect(sqlOf('callbacks')).toMatch(/\)\s*STRICT, WITHOUT ROWID$/);
    expect(sqlOf('callbacks_open')).toMatch(/WHERE done_at IS NULL/);
    db.prepare("INSERT INTO callbacks (id, call_id, data) VALUES ('c1', 'sip-1', '{}'), ('c2', NULL, '{}'), ('c3', NULL, '{}')").run();
    expect(() => db.prepare("INSERT INTO callbacks (id, call_id, data) VALUES ('c4', 'sip-1', '{}')").run()).toThrow(/UNIQUE/);
    expect(db.prepare("EXPLAIN QUERY PLAN SELECT id FROM callbacks WHERE done_at IS NULL ORDER BY due_at").all()).toEqual(
      expect.arrayContaining([expect.objectContaining({ detail: expect.stringContaining('callbacks_open') })]),
    );
  });

  it('009 adds the appointments table (STRICT), one record per SAS platform id', () => {
    upTo(8);
    upTo(9);
    expect(userVersion(db)).toBe(9);
    expect(sqlOf('appointments')).toMatch(/\)\s*STRICT, WITHOUT ROWID$/);
    db.prepare("INSERT INTO appointments (id, dossier_id, appointment_id, starts_at) VALUES ('a1', 'd1', 'sas-1', 't'), ('a2', 'd1', NULL, 't'), ('a3', 'd2', NULL, 't')").run();
    expect(() => db.prepare("INSERT INTO appointments (id, dossier_id, appointment_id, starts_at) VALUES ('a4', 'd2', 'sas-1', 't')").run()).toThrow(/UNIQUE/);
  });

  it('010 adds the Hub drain columns to the outbox (NULL on existing rows), the frozen-message table and the unacknowledged index', () => {
    upTo(9);
    db.prepare("INSERT INTO events (seq, id, type, payload, actor_id, actor_role, workstation, at, hlc, prev_hash, hash) VALUES (1, 'e1', 't', '{}', 'a', 'r', 'w', 'at', 'h', 'p', 'h1')").run();
    db.prepare("INSERT INTO outbox (event_seq, message_kind, distribution_id, created_at, updated_at) VALUES (1, 'RS-EDA', 'd', 'a', 'a')").run();
    upTo(10);
    expect(userVersion(db)).toBe(10);
    expect(columns('outbox').map((c) => c.name)).toEqual(expect.arrayContaining(['recipient', 'expires_at', 'sent_at', 'acked_at', 'error_code']));
    expect(db.prepare('SELECT state, recipient, error_code FROM outbox').get()).toEqual({ state: 'NEW', recipient: null, error_code: null });
    expect(sqlOf('outbox_message')).toMatch(/\)\s*STRICT$/);
    db.prepare("INSERT INTO outbox_message (event_seq, message) VALUES (1, '{}')").run();
    expect(() => db.prepare("INSERT INTO outbox_message (event_seq, message) VALUES (1, '{}')").run()).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(sqlOf('outbox_unacked')).toMatch(/WHERE state = 'SENT'/);
    expect(sqlOf('outbox_undelivered')).toMatch(/WHERE state IN \('FAILED', 'EXPIRED'\)/);
    // Still STRICT after ALTER: a number is not text.
    expect(() => db.prepare("UPDATE outbox SET error_code = 'x'").run()).toThrow(/cannot store TEXT value in INTEGER column/);
  });

  it('011 creates the inbox (unique distributionID, three states), the caseId index and the SAS appointments, both STRICT', () => {
    upTo(11);
    expect(userVersion(db)).toBe(11);
    expect(sqlOf('hub_inbox')).toMatch(/\)\s*STRICT$/);
    expect(sqlOf('sas_appointments')).toMatch(/\)\s*STRICT, WITHOUT ROWID$/);
    const insert = db.prepare("INSERT INTO hub_inbox (distribution_id, queue, received_at, body, state) VALUES (?, 'q', 'a', 'b', ?)");
    insert.run('fr.health.samu440_1', 'APPLIED');
    expect(() => insert.run('fr.health.samu440_1', 'APPLIED')).toThrow(/UNIQUE/);
    expect(() => insert.run('fr.health.samu440_2', 'LOST')).toThrow(/CHECK/);
    // Unreadable messages have no distributionID: several of them may be kept.
    insert.run(null, 'REJECTED');
    insert.run(null, 'REJECTED');
    expect(db.prepare('SELECT count(*) FROM hub_inbox').pluck().get()).toBe(3);
    expect(objects('index')).toEqual(expect.arrayContaining(['hub_inbox_rejected', 'hub_inbox_pending', 'sas_appointments_to_attach', 'dossiers_by_case']));
    expect(db.prepare("EXPLAIN QUERY PLAN SELECT id FROM dossiers WHERE case_id = 'fr.health.samu440.X'").all()).toEqual(
      expect.arrayContaining([expect.objectContaining({ detail: expect.stringContaining('dossiers_by_case') })]),
    );
  });

  it('012 marks the dossiers waiting for an appointment (existing rows: the former textual test) and indexes only those', () => {
    upTo(11);
    insertDossier('1', { details: JSON.stringify({ decisions: [{ type: 'ORIENT', orientationType: 'CABINET' }] }) });
    insertDossier('2', { details: JSON.stringify({ decisions: [{ type: 'ORIENT', orientationType: 'URGENCES' }] }) });
    insertDossier('3', { details: '{}' });
    upTo(12);
    expect(userVersion(db)).toBe(12);
    expect(columns('dossiers')).toContainEqual({ name: 'awaits_appointment', type: 'INTEGER', notnull: 1, dflt_value: '0' });
    expect(db.prepare('SELECT id FROM dossiers WHERE awaits_appointment = 1 ORDER BY id').pluck().all()).toEqual(['1']);
    expect(sqlOf('dossiers_awaiting_appointment')).toMatch(/WHERE awaits_appointment = 1$/);
    // The OSNP list's own query reads the partial index, not the table.
    const plan = db
      .prepare("EXPLAIN QUERY PLAN SELECT id FROM dossiers WHERE awaits_appointment = 1 AND state IN ('ACTIF', 'ACHEVE', 'VALIDE')")
      .all()
      .map((r) => (r as { detail: string }).detail)
      .join(' | ');
    expect(plan).toMatch(/USING INDEX dossiers_awaiting_appointment/);
    expect(sqlOf('appointments_by_start')).toBe('CREATE INDEX appointments_by_start ON appointments (starts_at)');
    expect(sqlOf('dossiers')).toMatch(/\)\s*STRICT(, WITHOUT ROWID)?$/);
  });

  it('013 rebuilds the inbox: exact bytes (BLOB), duplicates only among proven messages per sender, existing rows kept', () => {
    upTo(12);
    const old = db.prepare("INSERT INTO hub_inbox (distribution_id, sender_id, queue, received_at, body, state) VALUES (?, ?, 'message', 'a', ?, ?)");
    old.run('fr.health.samu440_1', 'fr.health.samu440', '{"é":1}', 'APPLIED');
    old.run('fr.health.samu440_2', 'fr.health.samu440', 'x', 'REJECTED');
    old.run(null, null, 'not json', 'REJECTED');
    upTo(13);
    expect(userVersion(db)).toBe(13);
    expect(sqlOf('hub_inbox')).toMatch(/\)\s*STRICT$/);
    expect(columns('hub_inbox')).toEqual(expect.arrayContaining([{ name: 'body', type: 'BLOB', notnull: 1, dflt_value: null }, { name: 'answer', type: 'BLOB', notnull: 0, dflt_value: null }, { name: 'proven', type: 'INTEGER', notnull: 1, dflt_value: null }]));
    const rows = db.prepare<[], { distribution_id: string | null; proven: number; body: Buffer; state: string }>('SELECT distribution_id, proven, body, state FROM hub_inbox ORDER BY id').all();
    expect(rows.map((r) => [r.distribution_id, r.proven, r.state])).toEqual([
      ['fr.health.samu440_1', 1, 'APPLIED'],
      ['fr.health.samu440_2', 0, 'REJECTED'],
      [null, 0, 'REJECTED'],
    ]);
    expect(Buffer.isBuffer(rows[0]!.body) && rows[0]!.body.equals(Buffer.from('{"é":1}'))).toBe(true);
    const insert = db.prepare("INSERT INTO hub_inbox (distribution_id, sender_id, proven, queue, received_at, body, state) VALUES (?, ?, ?, 'message', 'a', ?, 'REJECTED')");
    // A refused claim of a partner's id does not take it…
    insert.run('fr.health.samu440_3', 'fr.health.samu440', 0, Buffer.from([0xff, 0x00]));
    insert.run('fr.health.samu440_3', 'fr.health.samu440', 1, Buffer.from('{}'));
    // …the proven one is unique per sender and distributionID.
    expect(() => insert.run('fr.health.samu440_3', 'fr.health.samu440', 1, Buffer.from('{}'))).toThrow(/UNIQUE/);
    insert.run('fr.health.samu440_3', 'fr.health.samu441', 1, Buffer.from('{}'));
    expect(() => insert.run('x', 'y', 2, Buffer.from('{}'))).toThrow(/CHECK/);
    // Exact bytes: not UTF-8, NUL included, read back unchanged.
    expect(db.prepare<[], Buffer>("SELECT body FROM hub_inbox WHERE proven = 0 AND distribution_id = 'fr.health.samu440_3'").pluck().get()).toEqual(Buffer.from([0xff, 0x00]));
    expect(() => db.prepare("UPDATE hub_inbox SET body = 'text' WHERE id = 1").run()).toThrow(/cannot store TEXT value in BLOB column/);
    expect(objects('index')).toEqual(expect.arrayContaining(['hub_inbox_proven', 'hub_inbox_refused_digest', 'hub_inbox_pending', 'hub_inbox_rejected']));
  });

  it('014 adds the PSC binding to the operators projection, one account per RPPS', () => {
    migrate(db, 'm', MIGRATIONS.filter((m) => m.version <= 14));
    expect(columns('operators').map((c) => c.name)).toEqual(expect.arrayContaining(['psc_rpps', 'psc_bound_at']));
    expect(objects('index')).toContain('operators_by_psc_rpps');
    const insert = db.prepare("INSERT INTO operators (id, login, display_name, role, rpps, created_at, psc_rpps, psc_bound_at) VALUES (?, ?, 'x', 'MRU', '10003456786', 'a', ?, ?)");
    insert.run('o1', 'a', '10003456786', 't');
    insert.run('o2', 'b', null, null);
    insert.run('o3', 'c', null, null);
    expect(() => insert.run('o4', 'd', '10003456786', 't')).toThrow(/UNIQUE/);
  });

  it('015 creates the indicator rollups per site-local hour and day, read by primary-key range, and the zone they are cut in', () => {
    upTo(15);
    expect(userVersion(db)).toBe(15);
    for (const [table, key] of [['indicator_hours', 'hour'], ['indicator_days', 'day'], ['indicator_months', 'month']] as const) {
      expect(columns(table).map((c) => c.name)).toEqual([key, 'metric', 'n']);
      const plan = db
        .prepare(`EXPLAIN QUERY PLAN SELECT metric, sum(n) FROM ${table} WHERE ${key} >= '2026-01-01' AND ${key} < '2026-02-01' GROUP BY metric`)
        .all()
        .map((r) => (r as { detail: string }).detail)
        .join(' | ');
      expect(plan).toMatch(/SEARCH .* USING PRIMARY KEY/);
    }
    expect(columns('indicator_zone').map((c) => c.name)).toEqual(['id', 'time_zone']);
  });

  it('016 adds the room link: push queue and refusals keyed by own event, received events by site position, the pulled position at 0', () => {
    upTo(15);
    db.prepare("INSERT INTO events (seq, id, type, payload, actor_id, actor_role, workstation, at, hlc, prev_hash, hash) VALUES (1, 'e1', 't', '{}', 'a', 'r', 'w', 'at', 'h', 'p', 'h1')").run();
    upTo(16);
    expect(userVersion(db)).toBe(16);
    expect(columns('site_push').map((c) => c.name)).toEqual(['seq']);
    expect(columns('site_refused').map((c) => c.name)).toEqual(['seq', 'code', 'reason', 'at']);
    expect(columns('site_received').map((c) => c.name)).toEqual(['event_id', 'site_pos', 'seq', 'outcome']);
    expect(db.prepare('SELECT pulled_pos FROM site_link').pluck().all()).toEqual([0]);
    db.pragma('foreign_keys = ON');
    db.prepare('INSERT INTO site_push (seq) VALUES (1)').run();
    expect(() => db.prepare('INSERT INTO site_push (seq) VALUES (9)').run()).toThrow(/FOREIGN KEY/);
    expect(() => db.prepare("INSERT INTO site_received (event_id, site_pos, seq, outcome) VALUES ('x', 1, 1, 'lost')").run()).toThrow(/CHECK/);
    expect(() => db.prepare('INSERT INTO site_link (one, pulled_pos) VALUES (2, 0)').run()).toThrow(/CHECK/);
  });

  it('017 records up to which event the indicator rollups are folded: a journal folding in its transactions is complete', () => {
    upTo(15);
    const insert = db.prepare("INSERT INTO events (seq, id, type, payload, actor_id, actor_role, workstation, at, hlc, prev_hash, hash) VALUES (?, ?, 't', '{}', 'a', 'r', 'w', 'at', 'h', 'p', ?)");
    for (const seq of [1, 2, 3]) insert.run(seq, `e${seq}`, `h${seq}`);
    upTo(17);
    expect(userVersion(db)).toBe(17);
    expect(columns('indicator_fold').map((c) => c.name)).toEqual(['id', 'seq']);
    expect(db.prepare('SELECT id, seq FROM indicator_fold').all()).toEqual([{ id: 1, seq: 3 }]);
    expect(() => db.prepare('INSERT INTO indicator_fold (id, seq) VALUES (2, 0)').run()).toThrow(/CHECK/);
  });

  it('017 reads a chart\'s few counters over a range by (counter, hour|day) index, and clears the zone so the rollups are refolded with the new counter', () => {
    upTo(15);
    db.prepare("INSERT INTO indicator_zone (id, time_zone) VALUES (1, 'Europe/Paris')").run();
    upTo(17);
    expect(db.prepare('SELECT count(*) FROM indicator_zone').pluck().get()).toBe(0);
    for (const [table, key] of [['indicator_hours', 'hour'], ['indicator_days', 'day']] as const) {
      const plan = db
        .prepare(`EXPLAIN QUERY PLAN SELECT ${key}, metric, n FROM ${table} WHERE metric IN (SELECT value FROM json_each('["call.in","call.answered"]')) AND ${key} >= '2026-01-01' AND ${key} < '2026-02-01' AND n != 0`)
        .all()
        .map((r) => (r as { detail: string }).detail)
        .join(' | ');
      expect(plan).toMatch(new RegExp(`SEARCH ${table} USING COVERING INDEX ${table}_by_metric \\(metric=\\? AND ${key}>\\? AND ${key}<\\?\\)`));
    }
  });

  it('017 on an empty journal: folded through event 0', () => {
    upTo(17);
    expect(db.prepare('SELECT seq FROM indicator_fold').pluck().get()).toBe(0);
  });

  it('leaves every table the code declares STRICT at the latest version', () => {
    migrate(db, 'm');
    expect(userVersion(db)).toBe(LATEST_VERSION);
    for (const table of declaredTables()) expect(sqlOf(table), table).toMatch(/\)\s*STRICT(, WITHOUT ROWID)?$/);
  });

  it('applies every pending migration in one transaction: a failing one leaves nothing behind', () => {
    const broken: Migration[] = [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'broken', sql: 'CREATE TABLE ok_table (x INTEGER) STRICT; INSERT INTO no_such_table VALUES (1);' }];
    expect(() => migrate(db, 'm', broken)).toThrow(/no such table/);
    expect(userVersion(db)).toBe(0);
    expect(schema()).toEqual([]);
  });

  it('a failing later migration leaves user_version and the schema as they were before the run', () => {
    upTo(1);
    insertDossier('1');
    const before = schema();
    const broken: Migration[] = [...MIGRATIONS, { version: MIGRATIONS.length + 1, name: 'broken', sql: 'CREATE TABLE ok_table (x INTEGER) STRICT; THIS IS NOT SQL;' }];
    expect(() => migrate(db, 'm', broken)).toThrow();
    expect(userVersion(db)).toBe(1);
    expect(schema()).toEqual(before);
    expect(columns('dossiers').map((c) => c.name)).not.toContain('details');
    expect(db.prepare('SELECT count(*) FROM dossiers').pluck().get()).toBe(1);
  });

  it('does nothing when up to date', () => {
    migrate(db, 'm');
    const before = schema();
    expect(migrate(db, 'm')).toBe(LATEST_VERSION);
    expect(schema()).toEqual(before);
  });

  it('refuses a database newer than the code, without touching it', () => {
    upTo(1);
    db.pragma(`user_version = ${LATEST_VERSION + 1}`);
    const before = schema();
    expect(() => migrate(db, 'm')).toThrow(expect.objectContaining({ code: 'E_JOURNAL_TOO_NEW', message: expect.stringMatching(/newer than this Plateau/) }));
    expect(userVersion(db)).toBe(LATEST_VERSION + 1);
    expect(schema()).toEqual(before);
  });
});
