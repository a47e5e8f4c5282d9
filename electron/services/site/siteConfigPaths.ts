import { accessSync, constants, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { SiteConfig } from './siteConfig';

/**
 * The files `site.json` names (the desks' TLS, the Hub's key material). A relative path is read
 * from the directory of `site.json` — where IT put the file and its certificates — never from
 * wherever systemd or a shell happened to start the service.
 */
type FileField = { path: string; value: string };

function filesOf(config: SiteConfig): FileField[] {
  const out: FileField[] = [];
  const add = (path: string, value: string | undefined) => {
    if (value !== undefined) out.push({ path, value });
  };
  if (config.tls) {
    add('tls.caFile', config.tls.caFile);
    add('tls.certFile', config.tls.certFile);
    add('tls.keyFile', config.tls.keyFile);
  }
  if (config.hub) {
    add('hub.tls.caFile', config.hub.tls.caFile);
    add('hub.tls.certFile', config.hub.tls.certFile);
    add('hub.tls.keyFile', config.hub.tls.keyFile);
    add('hub.tls.pfxFile', config.hub.tls.pfxFile);
  }
  return out;
}

/** The configuration with every file path made absolute against `configFile`'s directory. */
export function resolveSiteConfigPaths(config: SiteConfig, configFile: string): SiteConfig {
  const base = dirname(resolve(configFile));
  const abs = (p: string) => (isAbsolute(p) ? p : resolve(base, p));
  const absOpt = (p: string | undefined) => (p === undefined ? undefined : abs(p));
  return {
    ...config,
    tls: config.tls ? { caFile: abs(config.tls.caFile), certFile: abs(config.tls.certFile), keyFile: abs(config.tls.keyFile) } : null,
    hub: config.hub
      ? {
          ...config.hub,
          tls: {
            ...config.hub.tls,
            caFile: abs(config.hub.tls.caFile),
            ...(config.hub.tls.certFile !== undefined ? { certFile: absOpt(config.hub.tls.certFile) } : {}),
            ...(config.hub.tls.keyFile !== undefined ? { keyFile: absOpt(config.hub.tls.keyFile) } : {}),
            ...(config.hub.tls.pfxFile !== undefined ? { pfxFile: absOpt(config.hub.tls.pfxFile) } : {}),
          },
        }
      : null,
  };
}

/** The first named file that cannot be read, as "field: why (path)"; null when all can. */
export function missingSiteFile(config: SiteConfig): { field: string; problem: string } | null {
  for (const { path, value } of filesOf(config)) {
    try {
      if (!statSync(value).isFile()) return { field: path, problem: `${value} is not a file` };
      accessSync(value, constants.R_OK);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      return { field: path, problem: code === 'ENOENT' ? `no such file: ${value}` : `cannot be read (${code ?? 'error'}): ${value}` };
    }
  }
  return null;
}
