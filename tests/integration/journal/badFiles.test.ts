import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, closeSync, copyFileSync, existsSync, mkdirSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { build } from 'vite';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/services/api';
import { createServices } from '../../../electron/services/composition';
import { Journal } from '../../../electron/services/journal/journal';
import { JournalError, journalHint } from '../../../electron/services/journal/journalError';
import { makeTempDir } from '../../support/tempDir';
import { testConfig } from '../../support/testConfig';
import { signIn, TEST_SCRYPT } from '../../support/operators';
import { journalConnectionForFaults, journalFile } from '../../support/journalFile';

const BUSY_TIMEOUT_MS = 300;
const options = { workstation: 'ws', hubClientId: 'fr.health.samu690', busyTimeoutMs: BUSY_TIMEOUT_MS };
const sha256 = (file: string) => (existsSync(file) ? createHash('sha256').update(readFileSync(file)).digest('hex') : 'absent');
const PROBE_DIR = resolve('.tmp/open-probe');
const PAGE_SIZE = 4096;

function openError(path: string): JournalError {
  try {
    Journal.open(path, options).close();
  } catch (error) {
    if (error instanceof JournalError) return error;
    throw error;
  }
  throw new Error('the journal opened');
}

/** A clear refusal names the file and says what to do. */
function expectClear(error: JournalError, path: string): void {
  expect(error.message).toContain(path);
  expect(error.message).toContain(journalHint(error.code).split(';')[0]);
}

/** A journal with some dossiers in it, closed (checkpointed, no WAL left). */
async function makeJournal(path: string, dossiers = 50): Promise<void> {
  const services = createServices(testConfig(resolve(path, '..')), { scryptParams: TEST_SCRYPT });
  await signIn(services);
  for (let i = 0; i < dossiers; i++) await dispatch(services.api, 'dossier:create', { callerPhone: '', motive: `m${i} ${'x'.repeat(200)}` });
  services.close();
}

function damagePage(path: string, page: number, from = 0): void {
  const fd = openSync(path, 'r+');
  writeSync(fd, Buffer.alloc(PAGE_SIZE - from, 0xa5), 0, PAGE_SIZE - from, (page - 1) * PAGE_SIZE + from);
  closeSync(fd);
}

function rootPageOf(path: string, table: string): number {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare<[string], number>('SELECT rootpage FROM sqlite_schema WHERE name = ?').pluck().get(table)!;
  } finally {
    db.close();
  }
}

describe('a journal file that must be refused is refused clearly, and left untouched', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let path: string;

  beforeAll(async () => {
    await build({
      configFile: false,
      logLevel: 'silent',
      build: { ssr: 'tests/integration/journal/openProbe.ts', outDir: PROBE_DIR, emptyOutDir: true, rollupOptions: { output: { entryFileNames: 'openProbe.mjs' } } },
    });
  }, 60_000);
  beforeEach(() => {
    dir = makeTempDir();
    path = join(dir.path, 'plateau-journal.sqlite3');
  });
  afterEach(() => {
    chmodSync(dir.path, 0o700);
    dir.cleanup();
  });

  it('garbage bytes → E_JOURNAL_CORRUPT', () => {
    writeFileSync(path, Buffer.alloc(8192, 0x5a));
    const before = sha256(path);
    const error = openError(path);
    expect(error.code).toBe('E_JOURNAL_CORRUPT');
    expectClear(error, path);
    expect(error.message).toMatch(/left untouched/);
    expect(sha256(path)).toBe(before);
  });

  it.each([
    ['its schema page', (file: string) => damagePage(file, 1, 100)],
    ['the root page of its events', (file: string) => damagePage(file, rootPageOf(file, 'events'))],
    ['every page but the first', (file: string) => {
      for (let page = 2; page <= statSync(file).size / PAGE_SIZE; page++) damagePage(file, page);
    }],
  ])('a valid database with %s damaged → E_JOURNAL_CORRUPT', async (_what, damage) => {
    await makeJournal(path);
    expect(statSync(path).size / PAGE_SIZE).toBeGreaterThan(10);
    damage(path);
    const before = sha256(path);
    const error = openError(path);
    expect(error.code).toBe('E_JOURNAL_CORRUPT');
    expectClear(error, path);
    expect(sha256(path)).toBe(before);
  });

  it('a schema newer than the code → E_JOURNAL_TOO_NEW', async () => {
    await makeJournal(path, 1);
    const db = new Database(path);
    db.pragma('user_version = 999');
    db.close();
    const before = sha256(path);
    const error = openError(path);
    expect(error.code).toBe('E_JOURNAL_TOO_NEW');
    expect(error.message).toContain(path);
    expect(error.message).toMatch(/schema version 999, newer than this Plateau \(\d+\); install the newer version — the file was left untouched/);
    expect(sha256(path)).toBe(before);
  });

  it('refusing a crashed newer journal leaves its WAL unapplied: main file and WAL both untouched', async () => {
    // A newer Plateau that crashed: its last commits, the schema bump included, are still in the WAL.
    const live = createServices(testConfig(join(dir.path, 'live')), { scryptParams: TEST_SCRYPT });
    await signIn(live);
    for (let i = 0; i < 20; i++) await dispatch(live.api, 'dossier:create', { callerPhone: '', motive: `w${i}` });
    journalFile(live.journal).pragma('user_version = 999');
    mkdirSync(join(dir.path, 'crashed'));
    const crashed = join(dir.path, 'crashed', 'plateau-journal.sqlite3');
    copyFileSync(live.journal.path, crashed);
    copyFileSync(`${live.journal.path}-wal`, `${crashed}-wal`);
    live.close();
    const before = [sha256(crashed), sha256(`${crashed}-wal`)];
    expect(statSync(`${crashed}-wal`).size).toBeGreaterThan(PAGE_SIZE);

    expect(openError(crashed).code).toBe('E_JOURNAL_TOO_NEW');
    expect([sha256(crashed), sha256(`${crashed}-wal`)]).toEqual(before);
  });

  it('locked by another connection holding a write transaction → E_JOURNAL_LOCKED after the busy timeout; opens once released', async () => {
    await makeJournal(path, 1);
    const before = sha256(path);
    const other = new Database(path);
    other.prepare('BEGIN IMMEDIATE').run();
    const started = Date.now();
    const error = openError(path);
    const waited = Date.now() - started;
    expect(error.code).toBe('E_JOURNAL_LOCKED');
    expectClear(error, path);
    expect(waited).toBeGreaterThanOrEqual(BUSY_TIMEOUT_MS * 0.9);
    expect(waited).toBeLessThan(BUSY_TIMEOUT_MS + 3_000);
    other.prepare('ROLLBACK').run();
    other.close();
    expect(sha256(path)).toBe(before);
    Journal.open(path, options).close();
  });

  it('locked while the app runs → the command gets E_JOURNAL_LOCKED, nothing acknowledged is lost, and it works once released', async () => {
    const services = createServices(testConfig(dir.path), { busyTimeoutMs: BUSY_TIMEOUT_MS, scryptParams: TEST_SCRYPT });
    await signIn(services);
    try {
      const saved = await dispatch(services.api, 'dossier:create', { callerPhone: '', motive: 'before the lock' });
      expect(saved.ok).toBe(true);
      const other = new Database(services.journal.path);
      other.prepare('BEGIN IMMEDIATE').run();
      const refused = await dispatch(services.api, 'dossier:create', { callerPhone: '', motive: 'during the lock' });
      expect(refused).toMatchObject({ ok: false, error: { code: 'E_JOURNAL_LOCKED', message: expect.stringMatching(/another process holds the journal/) } });
      other.prepare('ROLLBACK').run();
      other.close();
      const after = await dispatch(services.api, 'dossier:create', { callerPhone: '', motive: 'after the lock' });
      expect(after.ok).toBe(true);
      expect(journalFile(services.journal).prepare('SELECT motive FROM dossiers ORDER BY local_number').pluck().all()).toEqual(['before the lock', 'after the lock']);
      expect(services.journal.verify().ok).toBe(true);
    } finally {
      services.close();
    }
  });

  it('a read-only file → E_JOURNAL_READONLY', async () => {
    await makeJournal(path, 1);
    chmodSync(path, 0o444);
    chmodSync(dir.path, 0o755);
    const before = sha256(path);
    const probe = join(PROBE_DIR, 'openProbe.mjs');
    let outcome: { canWrite: boolean; ok: boolean; code?: string; message?: string };
    if (process.getuid?.() === 0) {
      // root writes through file modes: check as an unprivileged user (nobody), for whom the file
      // is read-only — or, where that user cannot reach the project, on a read-only bind mount.
      const nobody = { uid: 65534, gid: 65534 };
      const reachable = spawnSync('sh', ['-c', `test -r '${probe}' && test -r '${resolve('node_modules/better-sqlite3/package.json')}' && test -x '${process.execPath}'`], nobody).status === 0;
      const run = reachable
        ? spawnSync(process.execPath, [probe, path], { ...nobody, encoding: 'utf8' })
        : spawnSync('unshare', ['-m', 'sh', '-c', `mount --bind -o ro '${dir.path}' '${dir.path}' && exec '${process.execPath}' '${probe}' '${path}'`], { encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      outcome = JSON.parse(run.stdout);
    } else {
      chmodSync(dir.path, 0o555);
      try {
        const run = spawnSync(process.execPath, [probe, path], { encoding: 'utf8' });
        outcome = JSON.parse(run.stdout);
      } finally {
        chmodSync(dir.path, 0o755);
      }
    }
    // The set-up must really stop writes, or the test proves nothing.
    expect(outcome.canWrite).toBe(false);
    expect(outcome).toMatchObject({ ok: false, code: 'E_JOURNAL_READONLY' });
    expect(outcome.message).toContain(path);
    expect(outcome.message).toContain('cannot be written');
    expect(sha256(path)).toBe(before);
  });

  it('disk full → E_JOURNAL_FULL with a clear message, nothing acknowledged lost, work resumes once space is back', async () => {
    let services = createServices(testConfig(dir.path), { scryptParams: TEST_SCRYPT });
    await signIn(services);
    const acknowledged: string[] = [];
    const create = async (motive: string) => {
      const result = await dispatch(services.api, 'dossier:create', { callerPhone: '', motive });
      if (result.ok) acknowledged.push(motive);
      return result;
    };
    for (let i = 0; i < 5; i++) expect((await create(`ok${i}`)).ok).toBe(true);
    // A page limit stands for the full disk: it is per connection, so it goes on the journal's own.
    const connection = journalConnectionForFaults(services.journal);
    connection.pragma(`max_page_count = ${connection.pragma('page_count', { simple: true }) as number}`);
    let refused: { code: string; message: string } | undefined;
    let refusedMotive = '';
    for (let i = 0; i < 200 && !refused; i++) {
      refusedMotive = `fill${i} ${'y'.repeat(1500)}`;
      const result = await create(refusedMotive);
      if (!result.ok) refused = result.error;
    }
    expect(refused).toMatchObject({ code: 'E_JOURNAL_FULL', message: expect.stringMatching(/disk holding the journal is full/) });
    // Still full: the same command is refused again, cleanly.
    expect(await create(refusedMotive)).toMatchObject({ ok: false, error: { code: 'E_JOURNAL_FULL' } });

    connection.pragma('max_page_count = 1073741823');
    expect((await create('after')).ok).toBe(true);
    services.close();

    // What a restart finds: every acknowledged dossier, none of the refused ones, a sound file.
    services = createServices(testConfig(dir.path));
    try {
      const motives = journalFile(services.journal).prepare('SELECT motive FROM dossiers').pluck().all() as string[];
      expect(motives.sort()).toEqual([...acknowledged].sort());
      expect(motives).not.toContain(refusedMotive);
      expect(journalFile(services.journal).prepare("SELECT count(*) FROM events WHERE type = 'dossier.created'").pluck().get()).toBe(acknowledged.length);
      expect(services.journal.verify().ok).toBe(true);
      expect(services.journal.integrityCheck()).toBe('ok');
    } finally {
      services.close();
    }
  });

  it('reads synchronous=FULL back on every reopen', () => {
    for (let i = 0; i < 3; i++) {
      const journal = Journal.open(path, options);
      expect(journal.durability().synchronous).toBe(2);
      expect(journal.durability().journalMode).toBe('wal');
      journal.close();
    }
    // And what the pragma reads on a plain reopen without them: the fallback the journal guards against.
    const plain = new Database(path);
    expect(plain.pragma('synchronous', { simple: true })).not.toBe(2);
    plain.close();
  });
});
