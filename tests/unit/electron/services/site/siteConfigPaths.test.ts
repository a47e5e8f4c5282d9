import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSiteConfig, SiteConfigError } from '../../../../../electron/services/site/siteConfig';
import { makeTempDir } from '../../../../support/tempDir';

/** site.json's files are read from its own directory, whatever the service's working directory. */
describe('site.json file paths', () => {
  const dir = makeTempDir('plateau-siteconfig-');
  afterAll(() => dir.cleanup());
  const etc = join(dir.path, 'etc', 'plateau-site');
  mkdirSync(join(etc, 'hub'), { recursive: true });
  for (const f of ['samu-ca.crt', 'site.crt', 'site.key', 'hub/ca.pem', 'hub/client.p12']) writeFileSync(join(etc, f), 'x');
  const base = {
    siteCode: '690',
    siteName: 'SAMU 69',
    listen: { host: '127.0.0.1', port: 8443 },
    tls: { caFile: 'samu-ca.crt', certFile: './site.crt', keyFile: join(etc, 'site.key') },
    postgres: { host: '127.0.0.1', port: 5432, user: 'u', database: 'd' },
    hub: { brokerUrl: 'amqps://hub.example:5671', tls: { caFile: 'hub/ca.pem', pfxFile: 'hub/client.p12' } },
  };
  const write = (config: unknown) => {
    const file = join(etc, 'site.json');
    writeFileSync(file, JSON.stringify(config));
    return file;
  };

  it('resolves relative paths against the directory of site.json, not the working directory', () => {
    const cwd = process.cwd();
    process.chdir(dir.path);
    try {
      const config = (write(base), loadSiteConfig(join('etc', 'plateau-site', 'site.json')));
      expect(config.tls).toEqual({ caFile: join(etc, 'samu-ca.crt'), certFile: join(etc, 'site.crt'), keyFile: join(etc, 'site.key') });
      expect(config.hub!.tls.caFile).toBe(join(etc, 'hub', 'ca.pem'));
      expect(config.hub!.tls.pfxFile).toBe(join(etc, 'hub', 'client.p12'));
      expect(config.hub!.tls.certFile).toBeUndefined();
    } finally {
      process.chdir(cwd);
    }
  });

  it('accepts a relative config path too (the service started from elsewhere)', () => {
    const file = write(base);
    const cwd = process.cwd();
    process.chdir(join(etc, 'hub'));
    try {
      expect(loadSiteConfig('../site.json').hub!.tls.caFile).toBe(join(etc, 'hub', 'ca.pem'));
      expect(file).toBe(join(etc, 'site.json'));
    } finally {
      process.chdir(cwd);
    }
  });

  it('stops at start with the field and the path when a named file is missing', () => {
    const file = write({ ...base, hub: { ...base.hub, tls: { caFile: 'hub/missing-ca.pem', pfxFile: 'hub/client.p12' } } });
    expect(() => loadSiteConfig(file)).toThrow(SiteConfigError);
    expect(() => loadSiteConfig(file)).toThrow(`hub.tls.caFile: no such file: ${join(etc, 'hub', 'missing-ca.pem')}`);
    const noKey = write({ ...base, tls: { ...base.tls, keyFile: 'nowhere/site.key' } });
    expect(() => loadSiteConfig(noKey)).toThrow(/tls\.keyFile: no such file: .*nowhere\/site\.key \(a relative path is read from the directory of/);
    const dirAsFile = write({ ...base, tls: { ...base.tls, caFile: 'hub' } });
    expect(() => loadSiteConfig(dirAsFile)).toThrow(/tls\.caFile: .*hub is not a file/);
  });
});
