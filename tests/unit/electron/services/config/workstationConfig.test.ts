import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConfigError, journalPathFor, loadWorkstationConfig } from '../../../../../electron/services/config/workstationConfig';
import { makeTempDir } from '../../../../support/tempDir';

describe('workstation configuration', () => {
  let dir: ReturnType<typeof makeTempDir>;
  const good = { siteCode: '974', siteName: 'SAMU 974', departement: '974', workstationId: 'arm-03', dataDir: 'data', timeZone: 'Indian/Reunion' };
  const write = (content: unknown) => {
    const file = join(dir.path, 'workstation.json');
    writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content));
    return file;
  };

  beforeEach(() => (dir = makeTempDir()));
  afterEach(() => dir.cleanup());

  it('loads a valid file, resolving dataDir next to it and defaulting the language', () => {
    const config = loadWorkstationConfig(write(good));
    expect(config).toMatchObject({ siteCode: '974', timeZone: 'Indian/Reunion', language: 'fr', dataDir: join(dir.path, 'data') });
    expect(journalPathFor(config)).toBe(join(dir.path, 'data', 'plateau-journal.sqlite3'));
    // Sessions lock after 10 idle minutes, accounts for 15 after 5 wrong passwords, unless IT says otherwise.
    expect(config).toMatchObject({ autoLockMinutes: 10, lockoutMinutes: 15 });
    expect(loadWorkstationConfig(write({ ...good, autoLockMinutes: 3, lockoutMinutes: 60 }))).toMatchObject({ autoLockMinutes: 3, lockoutMinutes: 60 });
  });

  it('reads the Hub Santé section: key material as paths resolved beside the file, partners by perimeter', () => {
    const hub = { brokerUrl: 'amqps://hub.sante.fr:5671', tls: { caFile: 'pki/ca.pem', pfxFile: '/etc/plateau/samu974.p12' }, partners: [{ clientId: 'fr.health.samu440', filieres: ['SNP'] }] };
    const config = loadWorkstationConfig(write({ ...good, hub }));
    expect(config.hub).toMatchObject({ brokerUrl: 'amqps://hub.sante.fr:5671', vhost: '/', sasPlatformId: 'fr.health.ptfsas', prefetch: 100, tls: { caFile: join(dir.path, 'pki/ca.pem'), pfxFile: '/etc/plateau/samu974.p12' } });
    expect(loadWorkstationConfig(write(good)).hub).toBeNull();
    const refused = (extra: Record<string, unknown>) => () => loadWorkstationConfig(write({ ...good, hub: { ...hub, ...extra } }));
    expect(refused({ brokerUrl: 'amqp://hub.sante.fr' })).toThrow(/hub\.brokerUrl/);
    expect(refused({ tls: { caFile: 'ca.pem', certFile: 'c.pem' } })).toThrow(/certFile \+ keyFile, or pfxFile/);
    expect(refused({ partners: [{ clientId: 'samu440', filieres: ['SNP'] }] })).toThrow(/hub\.partners\.0\.clientId/);
    expect(refused({ partners: [{ clientId: 'fr.health.samu440', filieres: ['XYZ'] }] })).toThrow(/filieres/);
    expect(refused({ key: '-----BEGIN PRIVATE KEY-----' })).toThrow(/key/);
  });

  it('reads the SAS search section (INT_L01): https only, no query, a plain origin', () => {
    expect(loadWorkstationConfig(write(good)).sas).toBeNull();
    const sas = { baseUrl: 'https://sas.sante.fr', origin: 'SAMU974' };
    expect(loadWorkstationConfig(write({ ...good, sas })).sas).toEqual(sas);
    for (const bad of [{ ...sas, baseUrl: 'http://sas.sante.fr' }, { ...sas, baseUrl: 'https://sas.sante.fr/?x=1' }, { ...sas, origin: 'a&b=c' }, { ...sas, extra: 1 }]) {
      expect(() => loadWorkstationConfig(write({ ...good, sas: bad }))).toThrow(/sas/);
    }
  });

  it.each([
    ['a missing field', { ...good, workstationId: undefined }, 'workstationId'],
    ['a bad département', { ...good, departement: '99' }, 'departement'],
    ['an unknown time zone', { ...good, timeZone: 'Mars/Olympus' }, 'timeZone'],
    ['an unknown key (typo)', { ...good, dataDirectory: '/x' }, 'dataDirectory'],
    ['a bad site code', { ...good, siteCode: 'samu69' }, 'siteCode'],
    ['an idle lock of zero (never locking)', { ...good, autoLockMinutes: 0 }, 'autoLockMinutes'],
    ['a lock-out of half a minute', { ...good, lockoutMinutes: 0.5 }, 'lockoutMinutes'],
  ])('refuses %s with a message naming the file and the field', (_name, content, field) => {
    const file = write(content);
    let error: unknown;
    try {
      loadWorkstationConfig(file);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).message).toContain(file);
    expect((error as ConfigError).message).toContain(field);
  });

  it('refuses a file that is not JSON, or missing, with a clear error', () => {
    expect(() => loadWorkstationConfig(write('{ siteCode: 690'))).toThrow(/not valid JSON/);
    expect(() => loadWorkstationConfig(join(dir.path, 'absent.json'))).toThrow(/cannot read the file: ENOENT/);
  });

});
