import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { findElectronBinary, type ElectronBinary } from './electronBinary';

const DEFAULT_MIRROR = 'https://github.com/electron/electron/releases/download/';

/** Whether Electron's download server (or the mirror the developer set) answers, within a few seconds. */
export async function electronMirrorReachable(env: NodeJS.ProcessEnv, fetchImpl: typeof fetch = fetch, timeoutMs = 3000): Promise<boolean> {
  const mirror = env.ELECTRON_MIRROR ?? env.npm_config_electron_mirror ?? DEFAULT_MIRROR;
  try {
    const response = await fetchImpl(mirror, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    return response.status < 500;
  } catch {
    return false;
  }
}

export interface EnsureOptions {
  env: NodeJS.ProcessEnv;
  reachable: () => Promise<boolean>;
  /** Runs electron's own install.js (the download `npm install` never does here); returns its exit status. */
  install: (installScript: string) => number | null;
  say?: (line: string) => void;
}

/**
 * `npm start` on a developer's machine: the binary `npm install` deliberately did not fetch is
 * fetched now, once, by electron's own install.js — when the download server answers. CI never
 * downloads it (CI=true), nor does a machine without the network: those keep the launcher's
 * message and `npm run dev:web`.
 */
export async function ensureElectronBinary(projectDir: string, options: EnsureOptions): Promise<ElectronBinary> {
  const found = findElectronBinary(projectDir, options.env);
  if (found.present) return found;
  const installScript = join(projectDir, 'node_modules', 'electron', 'install.js');
  if (!existsSync(installScript) || options.env.ELECTRON_OVERRIDE_DIST_PATH) return found;
  if (options.env.CI === 'true') return { present: false, reason: `${found.reason}; CI never downloads it` };
  if (options.env.ELECTRON_SKIP_BINARY_DOWNLOAD) return { present: false, reason: `${found.reason}; ELECTRON_SKIP_BINARY_DOWNLOAD is set` };
  if (!(await options.reachable())) return { present: false, reason: `${found.reason}; Electron's download server does not answer` };
  options.say?.('Plateau : téléchargement du binaire Electron (une seule fois) / downloading the Electron binary (once)…');
  const status = options.install(installScript);
  const after = findElectronBinary(projectDir, options.env);
  return after.present || status === 0 ? after : { present: false, reason: `${found.reason}; electron/install.js failed (exit ${status})` };
}

export function runElectronInstall(installScript: string): number | null {
  return spawnSync(process.execPath, [installScript], { stdio: 'inherit' }).status;
}
