import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { copyFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/services/api';
import { createServices } from '../../../electron/services/composition';
import { makeTempDir } from '../../support/tempDir';
import { testConfig } from '../../support/testConfig';
import { signIn, TEST_SCRYPT } from '../../support/operators';

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** The IT commands, run as IT runs them (a separate process on a journal file). */
describe('journal CLI', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let file: string;
  const run = (script: string, ...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', `electron/services/journal/cli/${script}.ts`, ...args], { encoding: 'utf8', timeout: 30_000 });

  beforeAll(async () => {
    dir = makeTempDir();
    const services = createServices(testConfig(dir.path), { scryptParams: TEST_SCRYPT });
    await signIn(services);
    for (let i = 0; i < 3; i++) await dispatch(services.api, 'dossier:create', { callerPhone: '', motive: `m${i}` });
    file = services.journal.path;
    services.close();
  });
  afterAll(() => dir.cleanup());

  it('journal:verify says OK and exits 0 on a sound journal, without changing the file', () => {
    const before = sha256(file);
    const result = run('verify', file);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/events:\s+5 \(last seq 5\)/);
    expect(result.stdout).toMatch(/chain:\s+ok/);
    expect(result.stdout).toMatch(/integrity: ok/);
    expect(result.stdout).toMatch(/result:\s+OK/);
    expect(sha256(file)).toBe(before);
  });

  it('journal:verify exits 1 and names the broken seq on a tampered journal', () => {
    const tampered = join(dir.path, 'tampered.sqlite3');
    copyFileSync(file, tampered);
    const db = new Database(tampered);
    db.exec('DROP TRIGGER events_no_update');
    db.prepare("UPDATE events SET actor_id = 'someone else' WHERE seq = 2").run();
    db.close();
    const result = run('verify', tampered);
    expect(result.status).toBe(1);
    expect(result.stdout).toMatch(/chain:\s+BROKEN at seq 2: hash of seq 2 does not match its content/);
    expect(result.stdout).toMatch(/result:\s+FAILED/);
  });

  it('journal:rebuild refolds the projections and verifies', () => {
    const result = run('rebuild', file);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/rebuilt from 5 events/);
  });

  it('journal:verify exits 2 with a clear message when it cannot check: missing file, no argument', () => {
    const missing = join(dir.path, 'absent.sqlite3');
    const result = run('verify', missing);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain(`cannot verify ${missing}: no such file`);
    const usage = run('verify');
    expect(usage.status).toBe(2);
    expect(usage.stderr).toMatch(/^usage: npm run journal:verify -- <path/);
  });
});
