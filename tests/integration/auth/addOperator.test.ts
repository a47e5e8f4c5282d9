import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createServices } from '../../../electron/services/composition';
import { makeTempDir } from '../../support/tempDir';
import { testConfig } from '../../support/testConfig';
import { journalFile } from '../../support/journalFile';

/** The first-start bootstrap: `npm run operator:add` creates the first admin, password on stdin. */
describe('npm run operator:add', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let configFile: string;
  const run = (args: string[], input: string) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'electron/services/auth/cli/addOperator.ts', '--config', configFile, ...args], { encoding: 'utf8', input, timeout: 30_000, env: { ...process.env, PLATEAU_OPERATOR_PASSWORD: '' } });

  beforeAll(() => {
    dir = makeTempDir();
    configFile = join(dir.path, 'workstation.json');
    const { siteCode, siteName, departement, workstationId, timeZone } = testConfig(dir.path);
    writeFileSync(configFile, JSON.stringify({ siteCode, siteName, departement, workstationId, timeZone, dataDir: '.', geo: { banBaseUrl: null } }));
  });
  afterAll(() => dir.cleanup());

  it('creates the first admin, who can then sign in; the password is in no event and not on the command line', async () => {
    const result = run(['--login', 'admin.si', '--name', 'Admin SI', '--role', 'ADMIN'], 'premier-mot-de-passe\n');
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('account admin.si (ADMIN) created');
    expect(result.status).toBe(0);
    const services = createServices(testConfig(dir.path));
    try {
      expect(await services.auth.login({ login: 'admin.si', password: 'premier-mot-de-passe' })).toMatchObject({ ok: true, value: { session: { operator: { role: 'ADMIN' } } } });
      const created = journalFile(services.journal).prepare<[], { actor_id: string; payload: string }>("SELECT actor_id, payload FROM events WHERE type = 'operator.created'").get()!;
      expect(created.actor_id).toMatch(/^console:/);
      expect(created.payload).not.toContain('premier-mot-de-passe');
    } finally {
      services.close();
    }
  });

  it('refuses a short password, an unknown role and a taken login, with exit code and message', () => {
    expect(run(['--login', 'x.y', '--name', 'X', '--role', 'ARM'], 'court\n')).toMatchObject({ status: 2, stderr: expect.stringContaining('password') });
    expect(run(['--login', 'x.y', '--name', 'X', '--role', 'PILOTE'], 'assez-long-123\n')).toMatchObject({ status: 2, stderr: expect.stringContaining('role') });
    expect(run(['--login', 'admin.si', '--name', 'X', '--role', 'ARM'], 'assez-long-123\n')).toMatchObject({ status: 1, stderr: expect.stringContaining('already exists') });
  });
});
