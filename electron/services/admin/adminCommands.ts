import { mkdirSync } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createOperatorRequest } from '../../../shared/api/schemas';
import { hubClientId } from '../../../shared/domain/localNumber';
import { AuthService } from '../auth/authService';
import { configLocations, describeResolvedConfig, resolveWorkstationConfig, type ResolvedConfig } from '../config/configSources';
import { ConfigError, journalPathFor, loadWorkstationConfig, type WorkstationConfig } from '../config/workstationConfig';
import { AddressService } from '../geo/addressService';
import { Journal } from '../journal/journal';
import { CannotVerify, verifyJournalFile } from '../journal/verifyReport';

/**
 * IT's tools, one implementation for two doors: the packaged app (`Plateau --add-operator …`,
 * answered before any window opens) and the npm scripts of a source checkout, which are thin
 * wrappers over the same functions. Exit codes: 0 done, 1 refused or a check failed, 2 usage
 * or cannot run.
 */
export interface AdminIo {
  out(line: string): void;
  err(line: string): void;
  /** Progress on one line (stderr), for long imports. */
  progress(text: string): void;
  readPassword(): Promise<string>;
}

/** 'app': flags of the packaged app; 'npm': the scripts of a source checkout (same code, other names). */
export type Door = 'app' | 'npm';

export interface AdminContext {
  door: Door;
  io: AdminIo;
  /** The configuration the app itself would use (machine-wide file, PLATEAU_CONFIG rules, user file). */
  resolveConfig: () => ResolvedConfig;
}

export const ADMIN_FLAGS = ['--add-operator', '--import-pack', '--verify-journal', '--check-config', '--help'] as const;
export const PACK_KINDS = ['ban'] as const;

const USAGE = {
  '--add-operator': {
    app: 'Plateau --add-operator --login <login> --name "<name>" --role <ROLE> [--rpps <number>] [--config <workstation.json>]   (password on stdin)',
    npm: 'npm run operator:add -- --config <workstation.json> --login <login> --name "<name>" --role ARM|OSNP|MRU|MRL|SUPERVISEUR|ADMIN [--rpps <number>]  (password on stdin)',
  },
  '--import-pack': {
    app: 'Plateau --import-pack ban <adresses-XX.csv> [--config <workstation.json> | --data-dir <dir>]',
    npm: 'npm run ban:import -- <adresses-XX.csv> --config <workstation.json> | --data-dir <dir>',
  },
  '--verify-journal': {
    app: 'Plateau --verify-journal [<path to plateau-journal.sqlite3>]   (default: this workstation’s journal)',
    npm: 'npm run journal:verify -- <path to plateau-journal.sqlite3>',
  },
  '--check-config': {
    app: 'Plateau --check-config   (what this workstation uses, and where each setting comes from)',
    npm: 'npm run config:check',
  },
} as const;

export function adminUsage(door: Door): string[] {
  return [
    door === 'app' ? 'Plateau — outils de l’informatique / IT tools (no window opens):' : 'Plateau — IT tools:',
    ...Object.values(USAGE).map((u) => `  ${u[door]}`),
    door === 'app' ? '  Plateau --help' : '',
    'Exit codes: 0 done, 1 refused or a check failed, 2 usage error or cannot run.',
  ].filter(Boolean);
}

/** The admin flag a command line carries, if any (the app then runs it instead of opening). */
export function adminCommandIn(args: readonly string[]): (typeof ADMIN_FLAGS)[number] | null {
  for (const arg of args) {
    if (arg === '-h') return '--help';
    const flag = ADMIN_FLAGS.find((f) => f === arg);
    if (flag) return flag;
  }
  return null;
}

/** Where Electron puts userData for this app, for the npm scripts that run outside Electron. */
export function defaultUserDataDir(env: NodeJS.ProcessEnv = process.env, platform: NodeJS.Platform = process.platform): string {
  if (platform === 'win32') return join(env.APPDATA ?? join(homedir(), 'AppData', 'Roaming'), 'Plateau');
  return join(env.XDG_CONFIG_HOME ?? join(homedir(), '.config'), 'Plateau');
}

export function consoleIo(): AdminIo {
  return {
    out: (line) => console.log(line),
    err: (line) => console.error(line),
    progress: (text) => process.stderr.write(text),
    readPassword,
  };
}

/** From PLATEAU_OPERATOR_PASSWORD or the first line of stdin: never from the command line, where `ps` shows it. */
async function readPassword(): Promise<string> {
  if (process.env.PLATEAU_OPERATOR_PASSWORD) return process.env.PLATEAU_OPERATOR_PASSWORD;
  if (process.stdin.isTTY) process.stderr.write('Mot de passe (8 caractères au moins) : ');
  const { createInterface } = await import('node:readline');
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return '';
}

class UsageError extends Error {}

function configFor(context: AdminContext, explicit: string | undefined): WorkstationConfig {
  return explicit ? loadWorkstationConfig(explicit) : context.resolveConfig().config;
}

export async function runAdminCommand(args: readonly string[], context: AdminContext): Promise<number> {
  const flag = adminCommandIn(args);
  const rest = args.filter((a) => a !== flag && a !== '-h');
  const { io, door } = context;
  try {
    switch (flag) {
      case '--add-operator':
        return await addOperator(rest, context);
      case '--import-pack':
        return await importPack(rest, context);
      case '--verify-journal':
        return verifyJournal(rest, context);
      case '--check-config':
        return checkConfig(context);
      case '--help':
      case null:
        for (const line of adminUsage(door)) io.out(line);
        return flag === '--help' ? 0 : 2;
    }
  } catch (error) {
    if (error instanceof UsageError) {
      io.err(`usage: ${USAGE[flag as keyof typeof USAGE][door]}`);
      if (error.message) io.err(error.message);
      return 2;
    }
    if (error instanceof ConfigError) {
      io.err(error.message);
      return 2;
    }
    throw error;
  }
}

function parse(rest: readonly string[], options: Record<string, { type: 'string' | 'boolean' }>) {
  try {
    return parseArgs({ args: [...rest], options, allowPositionals: true });
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
}

async function addOperator(rest: readonly string[], context: AdminContext): Promise<number> {
  const { values } = parse(rest, { config: { type: 'string' }, login: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, rpps: { type: 'string' } });
  const v = values as Record<string, string | undefined>;
  // A source checkout has no workstation of its own: the npm script names the file, as before.
  if ((context.door === 'npm' && !v.config) || !v.login || !v.name || !v.role) throw new UsageError('');
  const request = createOperatorRequest.safeParse({ login: v.login, displayName: v.name, role: v.role, password: await context.io.readPassword(), rpps: v.rpps ?? null });
  if (!request.success) {
    context.io.err(`refused: ${request.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    return 2;
  }
  const config = configFor(context, v.config);
  const journal = Journal.open(journalPathFor(config), { workstation: config.workstationId, hubClientId: hubClientId(config.siteCode) });
  try {
    const auth = new AuthService({ journal, autoLockMinutes: config.autoLockMinutes, lockoutMinutes: config.lockoutMinutes });
    const result = await auth.createOperator(request.data, { id: `console:${userInfo().username}`, role: 'ADMIN' });
    if (!result.ok) {
      context.io.err(`refused: ${result.error.message}`);
      return 1;
    }
    context.io.out(`account ${result.value.login} (${result.value.role}) created in ${journal.path}`);
    return 0;
  } finally {
    journal.close();
  }
}

async function importPack(rest: readonly string[], context: AdminContext): Promise<number> {
  const { values, positionals } = parse(rest, { config: { type: 'string' }, 'data-dir': { type: 'string' } });
  const v = values as Record<string, string | undefined>;
  // The npm script predates kinds: `ban:import -- <csv>` is the ban pack.
  const [kind, file] = context.door === 'npm' ? ['ban', positionals[0]] : [positionals[0], positionals[1]];
  if (!kind || !file) throw new UsageError('');
  if (!(PACK_KINDS as readonly string[]).includes(kind)) throw new UsageError(`unknown pack kind "${kind}" (known: ${PACK_KINDS.join(', ')})`);
  if (context.door === 'npm' && !v.config && !v['data-dir']) throw new UsageError('');
  const dataDir = v['data-dir'] ?? configFor(context, v.config).dataDir;
  // Before the first start the data folder may not exist yet: IT imports the pack first.
  mkdirSync(dataDir, { recursive: true });
  const service = new AddressService({ dataDir, banBaseUrl: null, timeoutMs: 2000 });
  try {
    const result = await service.importCsv(file, (p) => {
      const percent = p.totalBytes > 0 ? Math.round((100 * p.bytesRead) / p.totalBytes) : 100;
      context.io.progress(`\r${percent.toString().padStart(3)} %  ${p.rows.toLocaleString('fr-FR')} adresses`);
    });
    context.io.progress('\n');
    context.io.out(`${result.rows} rows, ${result.streets} streets, ${result.communes} communes in ${result.seconds.toFixed(1)} s → ${service.indexPath}`);
    return 0;
  } catch (error) {
    context.io.progress('\n');
    context.io.err(`import failed, the previous index (if any) is unchanged: ${(error as Error).message}`);
    return 1;
  } finally {
    service.close();
  }
}

function verifyJournal(rest: readonly string[], context: AdminContext): number {
  if (rest.length > 1 || rest[0]?.startsWith('-') || (context.door === 'npm' && rest.length !== 1)) throw new UsageError('');
  const file = rest[0] ?? journalPathFor(context.resolveConfig().config);
  try {
    const report = verifyJournalFile(file);
    for (const line of report.lines) context.io.out(line);
    context.io.out(report.ok ? 'result:    OK' : 'result:    FAILED');
    return report.ok ? 0 : 1;
  } catch (error) {
    context.io.err(error instanceof CannotVerify ? `cannot verify ${error.message}` : `cannot verify ${file}: ${String(error)}`);
    return 2;
  }
}

/** 0: valid and used as written; 1: valid, but a file or a setting was refused (the post runs without it); 2: invalid. */
function checkConfig(context: AdminContext): number {
  let resolved: ResolvedConfig;
  try {
    resolved = context.resolveConfig();
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    context.io.err(error.message);
    context.io.out('result:   INVALID (Plateau will not start with this configuration)');
    return 2;
  }
  for (const line of describeResolvedConfig(resolved)) context.io.out(line);
  context.io.out(resolved.notices.length === 0 ? 'result:   OK' : `result:   OK, ${resolved.notices.length} setting(s) refused (see above)`);
  return resolved.notices.length === 0 ? 0 : 1;
}

/** The npm scripts' entry: the configuration rules of a development build, the user folder Electron would use. */
export function npmContext(): AdminContext {
  return {
    door: 'npm',
    io: consoleIo(),
    resolveConfig: () => resolveWorkstationConfig(configLocations(process.env, process.platform, defaultUserDataDir()), { developmentBuild: true }),
  };
}
