import { createHash } from 'node:crypto';
import { closeSync, copyFileSync, mkdirSync, openSync, readFileSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../../../electron/services/composition';
import { CannotVerify, verifyJournalFile } from '../../../../../electron/services/journal/verifyReport';
import { makeTempDir } from '../../../../support/tempDir';
import { testConfig } from '../../../../support/testConfig';
import { signIn, TEST_SCRYPT } from '../../../../support/operators';

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

function createDossiers(services: Services, count: number, from = 0): void {
  for (let i = from; i < from + count; i++) {
    const created = services.dossiers.create({ callerPhone: '', motive: `motif ${i} ${'x'.repeat(300)}`, priority: 'P2', kind: 'DRM', origin: '15' });
    if (!created.ok) throw new Error(created.error.message);
  }
}

describe('verifyJournalFile (npm run journal:verify)', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let file: string;

  beforeEach(async () => {
    dir = makeTempDir();
    const services = createServices(testConfig(dir.path), { scryptParams: TEST_SCRYPT });
    // The two first events are the test operator's account and sign-in; dossier i is at seq i + 3.
    await signIn(services);
    createDossiers(services, 40);
    file = services.journal.path;
    services.close();
  });
  afterEach(() => dir.cleanup());

  it('reports a sound journal: events, last seq, chain ok, integrity ok', () => {
    const report = verifyJournalFile(file);
    expect(report).toMatchObject({ ok: true, chain: { ok: true, events: 42, lastSeq: 42, brokenAt: null }, integrity: 'ok' });
    expect(report.lines).toEqual([
      `journal:   ${file}`,
      `schema:    version ${report.schemaVersion}`,
      'events:    42 (last seq 42)',
      'chain:     ok (SHA-256 hash chain verified from the genesis)',
      'integrity: ok',
    ]);
  });

  it('reads a crashed journal, WAL included, without writing to the file or its WAL', async () => {
    const live = createServices(testConfig(dir.path), { scryptParams: TEST_SCRYPT });
    await signIn(live);
    createDossiers(live, 10, 40);
    mkdirSync(join(dir.path, 'copy'));
    const copy = join(dir.path, 'copy', 'plateau-journal.sqlite3');
    copyFileSync(file, copy);
    copyFileSync(`${file}-wal`, `${copy}-wal`);
    live.close();
    const before = [sha256(copy), sha256(`${copy}-wal`)];
    expect(verifyJournalFile(copy)).toMatchObject({ ok: true, chain: { events: 53, lastSeq: 53 } });
    expect([sha256(copy), sha256(`${copy}-wal`)]).toEqual(before);
  });

  it('checks a journal the app holds open and is writing to', async () => {
    const live = createServices(testConfig(dir.path), { scryptParams: TEST_SCRYPT });
    await signIn(live);
    try {
      createDossiers(live, 5, 40);
      expect(verifyJournalFile(file)).toMatchObject({ ok: true, chain: { events: 48 } });
      createDossiers(live, 1, 45);
      expect(live.journal.verify().events).toBe(49);
    } finally {
      live.close();
    }
  });

  it('names the first broken seq and why when an event was tampered with', () => {
    const db = new Database(file);
    db.exec('DROP TRIGGER events_no_update');
    db.prepare("UPDATE events SET payload = replace(payload, 'motif 6 ', 'motif 9 ') WHERE seq = 9").run();
    db.close();
    const report = verifyJournalFile(file);
    expect(report).toMatchObject({ ok: false, integrity: 'ok', chain: { ok: false, brokenAt: 9, events: 8, lastSeq: 8 } });
    expect(report.lines).toContain('chain:     BROKEN at seq 9: hash of seq 9 does not match its content');
  });

  it('reports a damaged page (does not throw): chain broken where the rows become unreadable, integrity_check errors', () => {
    const db = new Database(file);
    const leaves = db.prepare("SELECT pageno FROM dbstat WHERE name = 'events' AND pagetype = 'leaf' ORDER BY pageno").pluck().all() as number[];
    const pageSize = db.pragma('page_size', { simple: true }) as number;
    db.close();
    expect(leaves.length).toBeGreaterThan(3);
    const page = leaves[Math.floor(leaves.length / 2)]!;
    const fd = openSync(file, 'r+');
    writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, (page - 1) * pageSize);
    closeSync(fd);

    const report = verifyJournalFile(file);
    expect(report.ok).toBe(false);
    expect(report.chain).toMatchObject({ ok: false, brokenAt: report.chain.lastSeq + 1 });
    expect(report.chain.brokenAt).toBeGreaterThan(1);
    expect(report.chain.problem).toMatch(/unreadable.*SQLITE_CORRUPT/);
    expect(report.integrity).not.toBe('ok');
    expect(report.lines).toContain(`integrity: ${report.integrity}`);
  });

  it('verifies a journal from a newer Plateau too (it only reads)', () => {
    const db = new Database(file);
    db.pragma('user_version = 999');
    db.close();
    expect(verifyJournalFile(file)).toMatchObject({ ok: true, schemaVersion: 999 });
  });

  it('cannot verify a missing file, a file that is not a database, or a database that is not a journal', () => {
    const missing = join(dir.path, 'absent.sqlite3');
    expect(() => verifyJournalFile(missing)).toThrow(new CannotVerify(`${missing}: no such file`));
    const garbage = join(dir.path, 'garbage.sqlite3');
    writeFileSync(garbage, Buffer.alloc(8192, 0x5a));
    expect(() => verifyJournalFile(garbage)).toThrow(/not a SQLite database/);
    const other = join(dir.path, 'other.sqlite3');
    new Database(other).exec('CREATE TABLE t (x)').close();
    expect(() => verifyJournalFile(other)).toThrow(/a SQLite database, but not a Plateau journal \(no events table\)/);
    expect(() => verifyJournalFile(dir.path)).toThrow(/not a file/);
  });
});
