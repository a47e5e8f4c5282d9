import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { ConfigError, parseWorkstationConfig, readConfigJson, workstationConfigSchema, type WorkstationConfig } from './workstationConfig';

/**
 * Where each setting of the workstation comes from. Sources, strongest first:
 *   override — the file `PLATEAU_CONFIG` names, honoured only when the machine-wide file allows
 *              it (`policy.allowOverride`) or in a development build; its `policy.locked`
 *              settings stay the machine's;
 *   machine  — the file IT deploys (/etc/plateau, %ProgramData%\Plateau): it wins over the user's;
 *   site     — (not yet: the room's site service, cached for offline use) the room's shared
 *              settings, below what IT set on this machine and above the user's file;
 *   user     — workstation.json in the user's app-data folder;
 *   default  — the schema's defaults.
 * Every setting is taken whole from one source (a `hub` section is never half one file, half
 * another), so what the workstation uses is always a configuration someone actually wrote.
 */
export type SourceKind = 'override' | 'machine' | 'site' | 'user' | 'default';

export interface ConfigSource {
  kind: Exclude<SourceKind, 'default'>;
  /** The file (or, for the site, the service's address) the values came from. */
  origin: string;
  values: Record<string, unknown>;
}

export interface SettingOrigin {
  key: string;
  kind: SourceKind;
  origin: string | null;
}

/** A setting or a file that was not used, and why: shown by --check-config and the ADMIN screen. */
export interface ConfigNotice {
  origin: string;
  key: string | null;
  message: string;
}

export interface ResolvedConfig {
  config: WorkstationConfig;
  settings: SettingOrigin[];
  notices: ConfigNotice[];
  /** Every place looked at, in the order above, and whether it was used. */
  files: { kind: Exclude<SourceKind, 'default' | 'site'>; path: string; used: boolean }[];
}

export interface ConfigLocations {
  override: string | null;
  machine: string;
  user: string;
}

/** Settings only IT's machine-wide file may carry: the rules about the rules. */
const MACHINE_ONLY = new Set(['policy']);
/** A user's own file cannot change how the workstation is updated. */
const NOT_FROM_USER = new Set(['policy', 'updates']);

export function configLocations(env: NodeJS.ProcessEnv, platform: NodeJS.Platform, userDataDir: string): ConfigLocations {
  const machine = platform === 'win32' ? join(env.ProgramData ?? 'C:\\ProgramData', 'Plateau', 'workstation.json') : '/etc/plateau/workstation.json';
  return { override: env.PLATEAU_CONFIG ? env.PLATEAU_CONFIG : null, machine, user: join(userDataDir, 'workstation.json') };
}

function readSource(kind: ConfigSource['kind'], file: string): ConfigSource {
  const raw = readConfigJson(file);
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) throw new ConfigError(file, ['(file): expected a JSON object']);
  return { kind, origin: file, values: raw as Record<string, unknown> };
}

function policyOf(machine: ConfigSource | null): { allowOverride: boolean; locked: string[] } {
  const policy = machine?.values.policy;
  const parsed = workstationConfigSchema.shape.policy.safeParse(policy);
  // A malformed policy is reported by the full validation below; meanwhile nothing is allowed.
  return parsed.success ? parsed.data : { allowOverride: false, locked: [] };
}

/**
 * Merges the sources (strongest first) into one configuration, with where each setting came
 * from. Settings a source may not carry are left out with a notice rather than stopping the
 * post: IT's value stays in force and the workstation keeps running.
 */
export function mergeConfigSources(sources: ConfigSource[], options: { locked?: readonly string[] } = {}): Omit<ResolvedConfig, 'files'> {
  const locked = new Set(options.locked ?? []);
  const machineKeys = new Set(sources.filter((s) => s.kind === 'machine').flatMap((s) => Object.keys(s.values)));
  const notices: ConfigNotice[] = [];
  const chosen = new Map<string, ConfigSource>();
  for (const source of sources) {
    for (const key of Object.keys(source.values)) {
      if (source.kind !== 'machine' && MACHINE_ONLY.has(key)) {
        notices.push({ origin: source.origin, key, message: `${key}: only the machine-wide file may set it; ignored` });
        continue;
      }
      if (source.kind === 'user' && NOT_FROM_USER.has(key)) {
        notices.push({ origin: source.origin, key, message: `${key}: set by IT only; ignored in the user's file` });
        continue;
      }
      if (source.kind === 'override' && locked.has(key) && machineKeys.has(key)) {
        notices.push({ origin: source.origin, key, message: `${key}: locked by IT (policy.locked); the machine-wide value stays` });
        continue;
      }
      if (!chosen.has(key)) chosen.set(key, source);
    }
  }
  const raw = Object.fromEntries([...chosen].map(([key, source]) => [key, source.values[key]]));
  const main = sources[0]?.origin ?? '(no file)';
  const config = parseWorkstationConfig(raw, main, (key) => chosen.get(key)?.origin ?? main);
  const settings: SettingOrigin[] = Object.keys(workstationConfigSchema.shape).map((key) => {
    const source = chosen.get(key);
    return source ? { key, kind: source.kind, origin: source.origin } : { key, kind: 'default', origin: null };
  });
  return { config, settings, notices };
}

/**
 * The workstation's configuration as the app and the admin tools use it. `developmentBuild`:
 * an unpackaged app (a developer's `npm start`), where `PLATEAU_CONFIG` is always honoured.
 */
export function resolveWorkstationConfig(locations: ConfigLocations, options: { developmentBuild: boolean; exists?: (file: string) => boolean }): ResolvedConfig {
  const exists = options.exists ?? existsSync;
  const machine = exists(locations.machine) ? readSource('machine', locations.machine) : null;
  const user = exists(locations.user) ? readSource('user', locations.user) : null;
  const policy = policyOf(machine);
  const notices: ConfigNotice[] = [];
  let override: ConfigSource | null = null;
  if (locations.override) {
    if (options.developmentBuild || policy.allowOverride) {
      if (!exists(locations.override)) {
        throw new ConfigError([locations.override, locations.machine, locations.user].join(' | '), [`PLATEAU_CONFIG names no file: ${locations.override}`]);
      }
      override = readSource('override', locations.override);
    }
    else
      notices.push({
        origin: locations.override,
        key: null,
        message: `PLATEAU_CONFIG ignored: ${machine ? `${locations.machine} does not allow it (policy.allowOverride)` : 'no machine-wide file allows it'}`,
      });
  }
  const sources = [override, machine, user].filter((s): s is ConfigSource => s !== null);
  const files: ResolvedConfig['files'] = [
    ...(locations.override ? [{ kind: 'override' as const, path: locations.override, used: override !== null }] : []),
    { kind: 'machine', path: locations.machine, used: machine !== null },
    { kind: 'user', path: locations.user, used: user !== null },
  ];
  if (sources.length === 0) throw new ConfigError(files.map((f) => f.path).join(' | '), ['no workstation configuration file found (see README: "Where things live")']);
  const merged = mergeConfigSources(sources, { locked: policy.locked });
  return { ...merged, notices: [...notices, ...merged.notices], files };
}

/** The report of `--check-config` (and `npm run config:check`): what is used, and from where. */
export function describeResolvedConfig(resolved: ResolvedConfig): string[] {
  const lines = ['files:'];
  for (const file of resolved.files) lines.push(`  ${file.kind.padEnd(8)} ${file.used ? 'used   ' : 'absent '} ${file.path}`);
  lines.push('settings:');
  for (const setting of resolved.settings) {
    const value = JSON.stringify((resolved.config as Record<string, unknown>)[setting.key]);
    const shown = value === undefined ? 'null' : value.length > 80 ? `${value.slice(0, 77)}...` : value;
    lines.push(`  ${setting.key.padEnd(20)} ${setting.kind.padEnd(8)} ${shown}${setting.origin ? `   (${setting.origin})` : ''}`);
  }
  for (const notice of resolved.notices) lines.push(`refused:  ${notice.message}   (${notice.origin})`);
  return lines;
}
