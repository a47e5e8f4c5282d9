import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type ElectronBinary = { present: true; path: string } | { present: false; reason: string };

/**
 * Where the Electron binary is, read from the package's own files the way its index.js does
 * (path.txt, ELECTRON_OVERRIDE_DIST_PATH). Never `require('electron')` from Node: when the
 * binary is missing that call starts a download, which fails on these machines.
 */
export function findElectronBinary(projectDir: string, env: NodeJS.ProcessEnv = process.env): ElectronBinary {
  const packageDir = join(projectDir, 'node_modules', 'electron');
  if (!existsSync(join(packageDir, 'package.json'))) return { present: false, reason: 'the electron package is not installed (run npm install)' };
  const pathFile = join(packageDir, 'path.txt');
  const executable = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : null;
  // An Electron installed elsewhere (e.g. a build provided by IT) takes precedence, as in electron's index.js.
  const override = env.ELECTRON_OVERRIDE_DIST_PATH;
  if (override) {
    const binary = join(override, executable ?? 'electron');
    return existsSync(binary) ? { present: true, path: binary } : { present: false, reason: `ELECTRON_OVERRIDE_DIST_PATH names no binary: ${binary}` };
  }
  if (!executable) return { present: false, reason: 'the Electron binary was never downloaded (node_modules/electron/path.txt is missing)' };
  const binary = join(packageDir, 'dist', executable);
  if (!existsSync(binary)) return { present: false, reason: `the Electron binary is missing: ${binary}` };
  return { present: true, path: binary };
}

export function missingBinaryMessage(reason: string): string {
  return [
    'Plateau : le binaire Electron n’est pas installé sur ce poste, et il ne peut pas être téléchargé ici (serveur injoignable, ou CI).',
    `  (${reason})`,
    'Sur un poste de développement qui a accès au réseau :  node node_modules/electron/install.js   puis   npm start',
    'Sur un poste du plateau : installez la version signée fournie par l’informatique.',
    'Pour lancer la même application dans un navigateur (via le harnais de test) :  npm run dev:web',
    '',
    'Plateau: the Electron binary is not installed on this machine, and it cannot be downloaded here.',
    'On a developer workstation with network access:  node node_modules/electron/install.js   then   npm start',
    'On a regulation-room workstation: install the signed build provided by IT.',
    'To run the same app in a browser (through the test harness):  npm run dev:web',
  ].join('\n');
}
