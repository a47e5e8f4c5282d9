import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, closeSync, openSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import Database from 'better-sqlite3';
import { build } from 'vite';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/services/api';
import { createServices } from '../../../electron/services/composition';
import { Journal } from '../../../electron/services/journal/journal';
import { JournalError } from '../../../electron/services/journal/journalError';
import { makeTempDir } from '../../support/tempDir';
import { testConfig } from '../../support/testConfig';

const options = { workstation: 'ws', hubClientId: 'fr.health.samu690', busyTimeoutMs: 200 };
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const PROBE_DIR = resolve('.tmp/open-probe');

function openError(path: string): JournalError {
  try {
    Journal.open(path, options).close();
  } catch (error) {
    if (error instanceof JournalError) return error;
    throw error;
  }
  throw new Error('the journal opened');
}

/** A journal with some dossiers in it, closed (checkpointed). */
function makeJournal(path: string, dossiers = 50): void {
  const dataDir = resolve(path, '..');
  const services = createServices(testConfig(dataDir));
  for (let i = 0; i < dossiers; i++) void dispatch(services.api, 'dossier:create', { callerPhone: '', motive: `m${i} ${'x'.repeat(200)}` });
  services.close();
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
    expect(error.message).toContain(path);
    expect(error.message).toMatch(/left untouched/);
    expect(sha256(path)).toBe(before);
  });

  it('a valid database with damaged pages → E_JOURNAL_CORRUPT', () => {
    makeJournal(path);
    const pageSize = 4096;
    const pages = statSync(path).size / pageSize;
    expect(pages).toBeGreaterThan(3);
    const fd = openSync(path, 'r+');
    // Keep page 1 (header and schema), wipe every other page: the events table is unreadable.
    for (let page = 1; page < pages; page++) writeSync(fd, Buffer.alloc(pageSize, 0xa5), 0, pageSize, page * pageSize);
    closeSync(fd);
    const before = sha256(path);
    expect(openError(path).code).toBe('E_JOURNAL_CORRUPT');
    expect(sha256(path)).toBe(before);
  });

  it('a schema newer than the code → E_JOURNAL_TOO_NEW', () => {
    makeJournal(path, 1);
    const db = new Database(path);
    db.pragma('user_version = 999');
    db.close();
    const before = sha256(path);
    const error = openError(path);
    expect(error.code).toBe('E_JOURNAL_TOO_NEW');
    expect(error.message).toMatch(/999.*newer/);
    expect(sha256(path)).toBe(before);
  });

  it('locked by another process → E_JOURNAL_LOCKED within the busy timeout, then opens once released', () => {
    makeJournal(path, 1);
    const other = new Database(path);
    other.prepare('BEGIN IMMEDIATE').run();
    const started = Date.now();
    expect(openError(path).code).toBe('E_JOURNAL_LOCKED');
    expect(Date.now() - started).toBeLessThan(5_000);
    other.prepare('ROLLBACK').run();
    other.close();
    Journal.open(path, options).close();
  });

  it('a read-only file → E_JOURNAL_READONLY', () => {
    makeJournal(path, 1);
    chmodSync(path, 0o444);
    chmodSync(dir.path, 0o755);
    const before = sha256(path);
    let outcome: { ok: boolean; code?: string };
    if (process.getuid?.() === 0) {
      // root writes through file modes: check as an unprivileged user, for whom the file is
      // read-only — or, where that user cannot reach the project, on a read-only bind mount.
      const asNobody = spawnSync('sh', ['-c', `test -r '${join(PROBE_DIR, 'openProbe.mjs')}' && test -r '${resolve('node_modules/better-sqlite3/package.json')}'`], { uid: 65534, gid: 65534 }).status === 0;
      const probe = asNobody
        ? spawnSync(process.execPath, [join(PROBE_DIR, 'openProbe.mjs'), path], { uid: 65534, gid: 65534, encoding: 'utf8' })
        : spawnSync('unshare', ['-m', 'sh', '-c', `mount --bind -o ro '${dir.path}' '${dir.path}' && exec '${process.execPath}' '${join(PROBE_DIR, 'openProbe.mjs')}' '${path}'`], { encoding: 'utf8' });
      expect(probe.status, probe.stderr).toBe(0);
      outcome = JSON.parse(probe.stdout);
    } else {
      chmodSync(dir.path, 0o555);
      try {
        outcome = { ok: false, code: openError(path).code };
      } finally {
        chmodSync(dir.path, 0o755);
      }
    }
    expect(outcome).toMatchObject({ ok: false, code: 'E_JOURNAL_READONLY' });
    expect(sha256(path)).toBe(before);
  });

  it('disk full → E_JOURNAL_FULL, nothing acknowledged lost, work resumes once space is back', async () => {
    const services = createServices(testConfig(dir.path));
    const saved: string[] = [];
    for (let i = 0; i < 5; i++) {
      const r = await dispatch(services.api, 'dossier:create', { callerPhone: '', motive: `ok${i}` });
      if (r.ok) saved.push(`ok${i}`);
    }
    const pages = services.journal.db.pragma('page_count', { simple: true }) as number;
    services.journal.db.pragma(`max_page_count = ${pages}`);
    let full: unknown;
    for (let i = 0; i < 200 && !full; i++) {
      const r = await dispatch(services.api, 'dossier:create', { callerPhone: '', motive: `fill${i} ${'y'.repeat(1500)}` });
      if (r.ok) saved.push(`fill${i} ${'y'.repeat(1500)}`);
      else full = r.error;
    }
    expect(full).toMatchObject({ code: 'E_JOURNAL_FULL' });
    services.journal.db.pragma('max_page_count = 1073741823');
    const after = await dispatch(services.api, 'dossier:create', { callerPhone: '', motive: 'after' });
    expect(after.ok).toBe(true);
    const motives = new Set(services.journal.db.prepare('SELECT motive FROM dossiers').pluck().all() as string[]);
    for (const m of saved) expect(motives.has(m)).toBe(true);
    expect(services.journal.verify().ok).toBe(true);
    services.close();
  });

  it('reads synchronous=FULL back on every reopen', () => {
    for (let i = 0; i < 3; i++) {
      const journal = Journal.open(path, options);
      expect(journal.db.pragma('synchronous', { simple: true })).toBe(2);
      journal.close();
    }
  });
});
