import { readFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { z } from 'zod';
import { officialCodes } from '../../../shared/domain/codes';
import { HUB_CLIENT_ID } from '../../../shared/domain/hub/hubIds';
import { isSasBaseUrl } from '../../../shared/domain/hub/sasSearch';
import { SITE_CODE_PATTERN } from '../../../shared/domain/localNumber';
import { isValidTimeZone } from '../../../shared/domain/siteTime';
import { DEFAULT_LOST_CALL_DUE_MINUTES } from '../../../shared/domain/callbacks';
import { PRIORITIES } from '../../../shared/domain/priority';
import { DEFAULT_QUEUE_LIMITS_MINUTES } from '../../../shared/domain/queue';
import { DEFAULT_AUTO_LOCK_MINUTES, DEFAULT_LOCKOUT_MINUTES } from '../../../shared/domain/operator';
import { DEFAULT_P3_CALLBACK_MINUTES, QUEUES, type QueueId } from '../../../shared/domain/routing';
import { pscConfigSchema } from '../auth/psc/pscConfig';
import { agendasConfigSchema } from '../orientation/agendaConfig';
import { DEFAULT_PACK_MAX_AGE_DAYS } from '../../../shared/domain/referencePack';
import { telephonyConfigSchema } from '../telephony/telephonyConfig';
import { updatesConfigSchema } from '../update/updatesConfig';

const hubClientIdSchema = z.string().max(100).regex(HUB_CLIENT_ID, 'expected a Hub Santé client id such as "fr.health.samu690"');
const keyPath = z.string().min(1).max(1000);

/**
 * Hub Santé (national exchange). Only paths to the key material appear here — never its content —
 * and the PKCS#12 pass phrase is handed to the services at start (from safeStorage), not written
 * in this file.
 */
export const hubConfigSchema = z
  .strictObject({
    /** amqps://host:port — the Hub's broker; the virtual host is separate. */
    brokerUrl: z.url({ protocol: /^amqps$/ }),
    vhost: z.string().min(1).max(200).default('/'),
    /** Defaults to fr.health.samu<siteCode>; the certificate's CN must be this id. */
    clientId: hubClientIdSchema.optional(),
    tls: z
      .strictObject({
        caFile: keyPath,
        certFile: keyPath.optional(),
        keyFile: keyPath.optional(),
        pfxFile: keyPath.optional(),
        /** Name the broker's certificate must carry when it differs from the URL's host. */
        serverName: z.string().min(1).max(253).optional(),
      })
      .refine((t) => (t.pfxFile ? !t.certFile && !t.keyFile : Boolean(t.certFile && t.keyFile)), 'give either certFile + keyFile, or pfxFile'),
    /** Which partner receives which dossiers: the first rule whose perimeter matches wins. */
    partners: z
      .array(
        z.strictObject({
          clientId: hubClientIdSchema,
          label: z.string().max(200).optional(),
          filieres: z.array(z.enum(officialCodes('filiere') as [string, ...string[]])).min(1),
        }),
      )
      .max(50)
      .default([]),
    /** The national SAS platform, the only sender of RS-SAS-RDV. */
    sasPlatformId: hubClientIdSchema.default('fr.health.ptfsas'),
    /** Other senders accepted (besides the partners and the SAS platform). */
    acceptFrom: z.array(hubClientIdSchema).max(200).default([]),
    prefetch: z.number().int().min(1).max(1000).default(100),
    /** A message sent but without RC-REF after this long is re-sent (same distributionID). */
    resendAfterSeconds: z.number().int().min(5).max(24 * 3600).default(120),
  })
  .nullable()
  .default(null);

/**
 * The workstation configuration, written by IT and deployed centrally (one file per
 * workstation). It is validated at start: a wrong file stops the app with a message naming
 * the file and the field, rather than a half-configured regulation post.
 */
export const workstationConfigSchema = z.strictObject({
  /** SAMU/SAS site code as in the Hub client id `fr.health.samu<siteCode>`, e.g. "690", "974". */
  siteCode: z.string().regex(SITE_CODE_PATTERN, 'expected 3 characters such as "690", "2A0" or "974"'),
  siteName: z.string().min(1).max(200),
  /** Département served: "69", "2A", "974"… */
  departement: z.string().regex(/^(0[1-9]|[1-8][0-9]|9[0-5]|2A|2B|97[1-6])$/, 'expected a French département code'),
  workstationId: z.string().regex(/^[A-Za-z0-9._-]{1,64}$/, 'letters, digits, dot, dash or underscore (1 to 64)'),
  /** Folder holding the journal; absolute, or relative to the configuration file. */
  dataDir: z.string().min(1).max(1000),
  timeZone: z.string().refine(isValidTimeZone, 'unknown IANA time zone').default('Europe/Paris'),
  language: z.enum(['fr', 'en']).default('fr'),
  /** Minutes a dossier may wait in a queue, per priority, before it escalates on every screen. */
  queueLimitsMinutes: z
    .strictObject({ P0: z.number().min(0), P1: z.number().min(0), P2: z.number().min(0), P3: z.number().min(0), NR: z.number().min(0) })
    .default(DEFAULT_QUEUE_LIMITS_MINUTES),
  /** Per-branch overrides of those limits (e.g. `{ "PSY": { "P2": 10 } }`): the wait escalates, journaled, at the limit and at twice it. */
  queueLimitsByBranch: z
    .partialRecord(z.enum(Object.keys(QUEUES) as [QueueId, ...QueueId[]]), z.partialRecord(z.enum(PRIORITIES), z.number().min(0).max(24 * 60)))
    .default({}),
  /** Minutes within which a lost call is to be called back: past it, it turns late and escalates like the other callbacks. */
  lostCallDueMinutes: z.number().int().min(1).max(24 * 60).default(DEFAULT_LOST_CALL_DUE_MINUTES),
  /** The agreed delay of a deferred (P3) regulation's callback. */
  p3CallbackMinutes: z.number().int().min(5).max(24 * 60).default(DEFAULT_P3_CALLBACK_MINUTES),
  /** Idle minutes after which the session locks itself (the operator signs in again to resume). */
  autoLockMinutes: z.number().int().min(1).max(240).default(DEFAULT_AUTO_LOCK_MINUTES),
  /** Minutes an account stays locked after 5 wrong passwords in a row. */
  lockoutMinutes: z.number().int().min(1).max(24 * 60).default(DEFAULT_LOCKOUT_MINUTES),
  /** Address search: the national service (null: offline index only) and its time limit. */
  geo: z
    .strictObject({
      banBaseUrl: z.url({ protocol: /^https?$/ }).nullable().default('https://data.geopf.fr/geocodage'),
      timeoutMs: z.number().int().min(200).max(10_000).default(2000),
    })
    .default({ banBaseUrl: 'https://data.geopf.fr/geocodage', timeoutMs: 2000 }),
  /** Offline reference packs (issue 14): past this many days since their data date, answers carry a warning. */
  referencePacks: z
    .strictObject({
      maxAgeDays: z
        .strictObject({
          ban: z.number().int().min(1).max(3650).default(DEFAULT_PACK_MAX_AGE_DAYS.ban),
          rpps: z.number().int().min(1).max(3650).default(DEFAULT_PACK_MAX_AGE_DAYS.rpps),
          pharmacies: z.number().int().min(1).max(3650).default(DEFAULT_PACK_MAX_AGE_DAYS.pharmacies),
          rotas: z.number().int().min(1).max(3650).default(DEFAULT_PACK_MAX_AGE_DAYS.rotas),
        })
        .default(DEFAULT_PACK_MAX_AGE_DAYS),
    })
    .default({ maxAgeDays: DEFAULT_PACK_MAX_AGE_DAYS }),
  /** The position's softphone (issue 5); null: no telephony on this workstation. The password is not here: see SecretStore. */
  telephony: telephonyConfigSchema.nullable().default(null),
  /** National exchange; null: this workstation does not connect to Hub Santé. */
  hub: hubConfigSchema,
  /**
   * The national SAS platform's search page (INT_L01), opened pre-filled in the system browser.
   * Independent of the Hub: a site may search the platform before it exchanges messages.
   */
  sas: z
    .strictObject({
      /** https://host[/path], no query nor fragment: the only origin the app opens outside. */
      baseUrl: z.string().max(500).refine(isSasBaseUrl, 'expected https://host[/path] without query or fragment'),
      /** Our identifier as the platform knows it (the `origin` parameter). */
      origin: z.string().min(1).max(100).regex(/^[A-Za-z0-9._-]+$/, 'letters, digits, dot, dash or underscore'),
    })
    .nullable()
    .default(null),
  /** Agenda endpoints asked for free GP slots within 48 h (SAS FHIR contract); null: none. */
  agendas: agendasConfigSchema,
  /** Updates from the feed IT hosts (null: this workstation is updated by IT's own deployment). */
  updates: updatesConfigSchema,
  /**
   * What IT allows on this workstation; read from the machine-wide file only (configSources.ts):
   * `allowOverride` lets `PLATEAU_CONFIG` name another file (always allowed in a development
   * build), whose settings then win — except the `locked` ones, which stay IT's.
   */
  policy: z
    .strictObject({
      allowOverride: z.boolean().default(false),
      locked: z.array(z.string().max(100)).max(100).default([]),
    })
    .default({ allowOverride: false, locked: [] }),
  /** Pro Santé Connect for physicians (issue 17); null: local passwords only. The client's secret is not here: see SecretStore. */
  psc: pscConfigSchema,
  /**
   * The room (issue 12): the site service this desk syncs with. null: a standalone workstation,
   * exactly as before. `ws://` is accepted for 127.0.0.1 only; elsewhere `wss://` with the desk's
   * client certificate from the SAMU PKI (its CN is this workstation id).
   */
  site: z
    .strictObject({
      url: z
        .string()
        .max(500)
        .refine((u) => /^wss:\/\/[^/?#]+(\/[^?#]*)?$/.test(u) || /^ws:\/\/127\.0\.0\.1(:\d+)?(\/[^?#]*)?$/.test(u), 'expected wss://host[:port] (ws:// only to 127.0.0.1)'),
      /** This desk's block of the day's dossier counter (1–99): numbers stay unique in the room, even offline. */
      deskNumber: z.number().int().min(1).max(99),
      tls: z.strictObject({ caFile: z.string().min(1).max(1000), certFile: z.string().min(1).max(1000), keyFile: z.string().min(1).max(1000) }).nullable().default(null),
    })
    .refine((s) => s.url.startsWith('ws://') || s.tls !== null, { message: 'wss:// needs tls (the SAMU CA, this desk\'s certificate and key)', path: ['tls'] })
    .nullable()
    .default(null),
});

export type WorkstationConfig = z.output<typeof workstationConfigSchema>;

export class ConfigError extends Error {
  readonly code = 'E_CONFIG_INVALID' as const;
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`Invalid workstation configuration ${file}:\n  - ${problems.join('\n  - ')}`);
  }
}

export const JOURNAL_FILE_NAME = 'plateau-journal.sqlite3';

const dirOf = (file: string) => file.replace(/[\\/][^\\/]*$/, '') || '.';

/**
 * Validates a parsed configuration object. `file` names it in messages and anchors relative
 * paths; a configuration merged from several files passes `fileOf`, the file each top-level
 * setting came from, so a message and a relative path refer to the file that holds the value.
 */
export function parseWorkstationConfig(raw: unknown, file: string, fileOf: (key: string) => string = () => file): WorkstationConfig {
  const result = workstationConfigSchema.safeParse(raw);
  if (!result.success) {
    const files = new Set<string>();
    const problems = result.error.issues.map((issue) => {
      const where = issue.path.join('.') || '(file)';
      const extra = issue.code === 'unrecognized_keys' ? ` (${issue.keys.join(', ')})` : '';
      const origin = issue.path.length > 0 ? fileOf(String(issue.path[0])) : file;
      files.add(origin);
      return `${where}: ${issue.message}${extra}${origin === file ? '' : ` (in ${origin})`}`;
    });
    throw new ConfigError(files.size === 1 ? [...files][0]! : file, problems);
  }
  const config = result.data;
  const resolveFrom = (key: string) => (path: string) => (isAbsolute(path) ? path : join(dirOf(fileOf(key)), path));
  const resolve = resolveFrom('hub');
  const hub = config.hub
    ? {
        ...config.hub,
        tls: Object.fromEntries(Object.entries(config.hub.tls).map(([k, v]) => [k, k === 'serverName' || v === undefined ? v : resolve(v)])) as typeof config.hub.tls,
      }
    : null;
  const site = config.site?.tls
    ? { ...config.site, tls: Object.fromEntries(Object.entries(config.site.tls).map(([k, v]) => [k, resolveFrom('site')(v)])) as typeof config.site.tls }
    : config.site;
  return { ...config, dataDir: resolveFrom('dataDir')(config.dataDir), hub, site };
}

/** A configuration file's JSON, or a ConfigError naming the file and what is wrong with it. */
export function readConfigJson(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new ConfigError(file, [`cannot read the file: ${(error as NodeJS.ErrnoException).code ?? String(error)}`]);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new ConfigError(file, [`not valid JSON: ${(error as Error).message}`]);
  }
}

export function loadWorkstationConfig(file: string): WorkstationConfig {
  return parseWorkstationConfig(readConfigJson(file), file);
}

export function journalPathFor(config: WorkstationConfig): string {
  return join(config.dataDir, JOURNAL_FILE_NAME);
}

/**
 * Where the configuration is looked for, first match wins: `PLATEAU_CONFIG`, then the
 * machine-wide file IT deploys (/etc/plateau, %ProgramData%\Plateau), then the user's folder.
 */
export function configCandidates(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, userDataDir: string): string[] {
  const candidates: string[] = [];
  if (env.PLATEAU_CONFIG) candidates.push(env.PLATEAU_CONFIG);
  if (platform === 'win32') candidates.push(join(env.ProgramData ?? 'C:\\ProgramData', 'Plateau', 'workstation.json'));
  else candidates.push('/etc/plateau/workstation.json');
  candidates.push(join(userDataDir, 'workstation.json'));
  return candidates;
}
