import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { adminCommandIn, runAdminCommand, type AdminContext } from '../../../../../electron/services/admin/adminCommands';
import { resolveWorkstationConfig } from '../../../../../electron/services/config/configSources';
import { writeBanCsv } from '../../../../support/banCsv';
import { makeTempDir } from '../../../../support/tempDir';

/** IT's tools as the packaged app answers them (`Plateau --check-config`…), and as the npm scripts do. */
describe('IT tools', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let out: string[];
  let err: string[];
  const base = { siteCode: '690', siteName: 'SAMU 69', departement: '69', workstationId: 'arm-03', dataDir: 'data' };
  const machine = () => join(dir.path, 'etc', 'workstation.json');
  const write = (file: string, content: unknown) => {
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, JSON.stringify(content));
  };
  const app = (override: string | null = null): AdminContext => ({
    door: 'app',
    io: { out: (l) => void out.push(l), err: (l) => void err.push(l), progress: () => undefined, readPassword: async () => 'mot-de-passe-admin' },
    resolveConfig: () => resolveWorkstationConfig({ override, machine: machine(), user: join(dir.path, 'home', 'workstation.json') }, { developmentBuild: false }),
  });

  beforeEach(() => {
    dir = makeTempDir();
    out = [];
    err = [];
  });
  afterEach(() => dir.cleanup());

  it('recognises its flags anywhere on the command line, and nothing else', () => {
    expect(adminCommandIn(['--check-config'])).toBe('--check-config');
    expect(adminCommandIn(['--import-pack', 'ban', 'x.csv'])).toBe('--import-pack');
    expect(adminCommandIn(['-h'])).toBe('--help');
    expect(adminCommandIn(['--enable-logging'])).toBeNull();
    expect(adminCommandIn([])).toBeNull();
  });

  it('--help lists every tool of the package', async () => {
    expect(await runAdminCommand(['--help'], app())).toBe(0);
    const help = out.join('\n');
    for (const flag of ['--add-operator', '--import-pack ban', '--verify-journal', '--check-config']) expect(help).toContain(`Plateau ${flag}`);
  });

  it('--check-config: 0 when used as written, 1 when a setting was refused (PLATEAU_CONFIG not allowed), 2 when invalid', async () => {
    write(machine(), base);
    expect(await runAdminCommand(['--check-config'], app())).toBe(0);
    expect(out.join('\n')).toMatch(/workstationId\s+machine\s+"arm-03"/);
    expect(out.at(-1)).toBe('result:   OK');

    out = [];
    const other = join(dir.path, 'other.json');
    write(other, { ...base, workstationId: 'ailleurs' });
    expect(await runAdminCommand(['--check-config'], app(other))).toBe(1);
    expect(out.join('\n')).toMatch(/refused: {2}PLATEAU_CONFIG ignored/);

    out = [];
    write(machine(), { ...base, autoLockMinutes: 0 });
    expect(await runAdminCommand(['--check-config'], app())).toBe(2);
    expect(err.join('\n')).toMatch(/autoLockMinutes/);
    expect(out.at(-1)).toMatch(/INVALID/);
  });

  it('--add-operator and --verify-journal work on the configured workstation, without --config', async () => {
    write(machine(), base);
    expect(await runAdminCommand(['--add-operator', '--login', 'admin.si', '--name', 'Admin SI', '--role', 'ADMIN'], app())).toBe(0);
    expect(out.join('\n')).toContain(`account admin.si (ADMIN) created in ${join(dir.path, 'etc', 'data', 'plateau-journal.sqlite3')}`);
    out = [];
    expect(await runAdminCommand(['--verify-journal'], app())).toBe(0);
    expect(out.at(-1)).toBe('result:    OK');
  });

  it('--import-pack ban builds the offline index; an unknown kind or a missing file is a usage error', async () => {
    write(machine(), base);
    const csv = join(dir.path, 'adresses-69.csv');
    writeBanCsv(csv, 200);
    expect(await runAdminCommand(['--import-pack', 'ban', csv], app()), err.join('\n')).toBe(0);
    expect(out.join('\n')).toMatch(/rows, \d+ streets/);
    expect(await runAdminCommand(['--import-pack', 'finess', csv], app())).toBe(2);
    expect(err.join('\n')).toMatch(/unknown pack kind "finess" \(known: ban\)/);
    expect(await runAdminCommand(['--import-pack', 'ban'], app())).toBe(2);
    expect(err.join('\n')).toMatch(/usage: Plateau --import-pack ban/);
  });

  it('npm run config:check is the same code (PLATEAU_CONFIG honoured, as in a development build)', () => {
    const file = join(dir.path, 'dev.json');
    write(file, base);
    const result = spawnSync(process.execPath, ['--import', 'tsx', 'electron/services/config/cli/checkConfig.ts'], { encoding: 'utf8', timeout: 30_000, env: { ...process.env, PLATEAU_CONFIG: file, XDG_CONFIG_HOME: join(dir.path, 'xdg') } });
    if (result.status === 1) expect(result.stdout).toMatch(/refused/); // a machine with its own /etc/plateau
    else expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(new RegExp(`siteCode\\s+override\\s+"690"\\s+\\(${file.replace(/[/.]/g, '\\$&')}\\)`));
  });
});
