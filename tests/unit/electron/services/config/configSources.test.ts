import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { configLocations, describeResolvedConfig, resolveWorkstationConfig, type ConfigLocations } from '../../../../../electron/services/config/configSources';
import { ConfigError } from '../../../../../electron/services/config/workstationConfig';
import { makeTempDir } from '../../../../support/tempDir';

describe('configuration sources (machine-wide file, PLATEAU_CONFIG, user file)', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let at: ConfigLocations;
  const base = { siteCode: '690', siteName: 'SAMU 69', departement: '69', workstationId: 'arm-03', dataDir: 'data' };
  const write = (file: string, content: unknown) => {
    mkdirSync(join(file, '..'), { recursive: true });
    writeFileSync(file, JSON.stringify(content));
  };

  beforeEach(() => {
    dir = makeTempDir();
    at = { override: null, machine: join(dir.path, 'etc', 'workstation.json'), user: join(dir.path, 'home', 'workstation.json') };
  });
  afterEach(() => dir.cleanup());

  it('looks in PLATEAU_CONFIG, then the machine-wide place, then the user folder', () => {
    expect(configLocations({ PLATEAU_CONFIG: '/x.json' }, 'linux', '/home/u/.config/Plateau')).toEqual({
      override: '/x.json',
      machine: '/etc/plateau/workstation.json',
      user: '/home/u/.config/Plateau/workstation.json',
    });
    expect(configLocations({ ProgramData: 'D:\\PD' }, 'win32', '/u').machine).toMatch(/^D:\\PD.Plateau.workstation\.json$/);
    expect(configLocations({}, 'linux', '/u').override).toBeNull();
  });

  it("the machine-wide file wins over the user's, setting by setting, and says where each came from", () => {
    write(at.machine, { ...base, autoLockMinutes: 5 });
    write(at.user, { autoLockMinutes: 30, language: 'en' });
    const resolved = resolveWorkstationConfig(at, { developmentBuild: false });
    expect(resolved.config.autoLockMinutes).toBe(5);
    expect(resolved.config.language).toBe('en');
    expect(resolved.config.dataDir).toBe(join(dir.path, 'etc', 'data'));
    const origin = (key: string) => resolved.settings.find((s) => s.key === key);
    expect(origin('autoLockMinutes')).toEqual({ key: 'autoLockMinutes', kind: 'machine', origin: at.machine });
    expect(origin('language')).toEqual({ key: 'language', kind: 'user', origin: at.user });
    expect(origin('lockoutMinutes')).toEqual({ key: 'lockoutMinutes', kind: 'default', origin: null });
    expect(resolved.notices).toEqual([]);
  });

  it('ignores PLATEAU_CONFIG in a packaged build unless the machine-wide file allows it, and says so', () => {
    const other = join(dir.path, 'elsewhere.json');
    write(other, { ...base, workstationId: 'intrus', dataDir: '/tmp/other' });
    write(at.machine, base);
    const refused = resolveWorkstationConfig({ ...at, override: other }, { developmentBuild: false });
    expect(refused.config.workstationId).toBe('arm-03');
    expect(refused.notices).toEqual([{ origin: other, key: null, message: expect.stringMatching(/PLATEAU_CONFIG ignored: .* does not allow it \(policy\.allowOverride\)/) }]);
    expect(refused.files).toEqual([
      { kind: 'override', path: other, used: false },
      { kind: 'machine', path: at.machine, used: true },
      { kind: 'user', path: at.user, used: false },
    ]);

    // A development build honours it.
    expect(resolveWorkstationConfig({ ...at, override: other }, { developmentBuild: true }).config.workstationId).toBe('intrus');

    // IT allows it, but keeps dataDir: the override cannot move the journal.
    write(at.machine, { ...base, policy: { allowOverride: true, locked: ['dataDir'] } });
    const allowed = resolveWorkstationConfig({ ...at, override: other }, { developmentBuild: false });
    expect(allowed.config.workstationId).toBe('intrus');
    expect(allowed.config.dataDir).toBe(join(dir.path, 'etc', 'data'));
    expect(allowed.settings.find((s) => s.key === 'workstationId')).toMatchObject({ kind: 'override', origin: other });
    expect(allowed.notices).toEqual([{ origin: other, key: 'dataDir', message: expect.stringMatching(/locked by IT/) }]);
  });

  it('takes policy from the machine-wide file only, and updates never from the user file', () => {
    write(at.machine, base);
    write(at.user, { policy: { allowOverride: true }, updates: { feedUrl: 'https://evil.example/feed/' } });
    const resolved = resolveWorkstationConfig(at, { developmentBuild: false });
    expect(resolved.config.policy).toEqual({ allowOverride: false, locked: [] });
    expect(resolved.config.updates).toBeNull();
    expect(resolved.notices.map((n) => n.key)).toEqual(['policy', 'updates']);
    const report = describeResolvedConfig(resolved).join('\n');
    expect(report).toMatch(/policy: only the machine-wide file may set it; ignored/);
    expect(report).toMatch(/siteCode\s+machine\s+"690"/);
  });

  it('names the file that holds a wrong value', () => {
    write(at.machine, base);
    write(at.user, { autoLockMinutes: 'never' });
    const failure = (() => {
      try {
        resolveWorkstationConfig(at, { developmentBuild: false });
      } catch (error) {
        return error;
      }
    })();
    expect(failure).toBeInstanceOf(ConfigError);
    expect((failure as ConfigError).file).toBe(at.user);
    expect((failure as ConfigError).problems[0]).toMatch(/^autoLockMinutes: /);
  });

  it('refuses to start without any file, naming where it looked', () => {
    expect(() => resolveWorkstationConfig(at, { developmentBuild: false })).toThrow(/no workstation configuration file found/);
  });

  it('validates the updates section (https, or http on loopback only)', () => {
    write(at.machine, { ...base, updates: { feedUrl: 'http://updates.example/plateau/' } });
    expect(() => resolveWorkstationConfig(at, { developmentBuild: false })).toThrow(/updates\.feedUrl: https:\/\/ only/);
    write(at.machine, { ...base, updates: { feedUrl: 'http://127.0.0.1:8080/plateau/', pinVersion: '1.4.2' } });
    expect(resolveWorkstationConfig(at, { developmentBuild: false }).config.updates).toEqual({
      feedUrl: 'http://127.0.0.1:8080/plateau/',
      checkEveryMinutes: 60,
      pinVersion: '1.4.2',
      hold: false,
      firstWave: false,
      publisherName: [],
    });
  });
});
