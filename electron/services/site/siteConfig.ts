import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { SITE_CODE_PATTERN } from '../../../shared/domain/localNumber';
import { hubConfigSchema } from '../config/workstationConfig';
import { missingSiteFile, resolveSiteConfigPaths } from './siteConfigPaths';

/**
 * The site service's configuration (`site.json`), validated at start: a wrong file stops the
 * service with the file and the field named. Plain `ws://` is only ever accepted on 127.0.0.1
 * (tests, a one-machine demo); a room's desks reach the site over TLS with client certificates
 * from the SAMU's own PKI.
 */
const path = z.string().min(1).max(500);

export const siteConfigSchema = z
  .strictObject({
    siteCode: z.string().regex(SITE_CODE_PATTERN, 'a site code like 690'),
    siteName: z.string().min(1).max(200),
    listen: z.strictObject({
      host: z.union([z.ipv4(), z.ipv6()]),
      port: z.number().int().min(0).max(65535),
    }),
    tls: z
      .strictObject({
        /** The SAMU PKI's CA: a desk's certificate must chain to it; its CN is the workstation id. */
        caFile: path,
        certFile: path,
        keyFile: path,
      })
      .nullable()
      .default(null),
    postgres: z.strictObject({
      host: z.string().min(1).max(255),
      port: z.number().int().min(1).max(65535),
      user: z.string().min(1).max(63),
      database: z.string().min(1).max(63),
      /** Prefer a password file (`PGPASSFILE`) or peer authentication; kept here only for tests. */
      password: z.string().max(200).optional(),
    }),
    /** The room's time zone: the Hub messages' local times. */
    timeZone: z.string().min(1).max(100).default('Europe/Paris'),
    /**
     * Hub Santé, the SAMU's one client (ROOM.md §5): the same section as a standalone
     * workstation's; relative paths are read from this file's directory. Every site instance may carry it; the holder of the Hub
     * lease connects. null: this site does not talk to the Hub (desks keep no client either).
     */
    hub: hubConfigSchema.nullable().default(null),
    /** Workstations allowed to join; empty: any holder of a certificate of the PKI. */
    workstations: z.array(z.string().min(1).max(64)).max(500).default([]),
  })
  .refine((c) => c.tls !== null || c.listen.host === '127.0.0.1', { message: 'without tls the site listens on 127.0.0.1 only', path: ['tls'] });

export type SiteConfig = z.infer<typeof siteConfigSchema>;

export class SiteConfigError extends Error {}

export function loadSiteConfig(file: string): SiteConfig {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new SiteConfigError(`${file}: cannot read the site configuration (${(error as Error).message})`);
  }
  const parsed = siteConfigSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new SiteConfigError(`${file}: ${issue.path.join('.') || '(file)'}: ${issue.message}`);
  }
  const config = resolveSiteConfigPaths(parsed.data, file);
  // Said at start, naming the field: not at the first TLS handshake or Hub connection, hours later.
  const missing = missingSiteFile(config);
  if (missing) throw new SiteConfigError(`${file}: ${missing.field}: ${missing.problem} (a relative path is read from the directory of ${file})`);
  return config;
}
