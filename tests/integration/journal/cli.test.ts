import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/services/api';
import { createServices } from '../../../electron/services/composition';
import { makeTempDir } from '../../support/tempDir';
import { testConfig } from '../../support/testConfig';

/** The IT commands, run as IT runs them (a separate process on a journal file). */
describe('journal CLI', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let file: string;
  const run = (script: string, ...args: string[]) => spawnSync(process.execPath, ['--import', 'tsx', `electron/services/journal/cli/${script}.ts`, ...args], { encoding: 'utf8', timeout: 30_000 });

  beforeAll(async () => {
    dir = makeTempDir();
    const services = createServices(testConfig(dir.path));
    for (let i = 0; i < 3; i++) await dispatch(services.api, 'dossier:create', { callerPhone: '', motive: `m${i}` });
    file = services.journal.path;
    services.close();
  });
  afterAll(() => dir.cleanup());

  it('journal:verify says OK and exits 0 on a sound journal', () => {
    const result = run('verify', file);
    expect(result.status).toBe(0);
    expect(result.stdout).toMatch(/events:\s+3/);
    expect(result.stdout).toMatch(/chain:\s+ok/);
    expect(result.stdout).toMatch(/integrity: ok/);
  });

  it('journal:rebuild refolds the projections and verifies', () => {
    const result = run('rebuild', file);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/rebuilt from 3 events/);
  });

  it('exits 2 with a clear message on a file that is not a journal, and on no argument', () => {
    const result = run('verify', join(dir.path, 'absent.sqlite3'));
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/E_JOURNAL/);
    expect(run('verify').status).toBe(2);
  });
});
