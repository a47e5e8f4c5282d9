import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export type ElectronBinary = { present: true; path: string } | { present: false; reason: string };

/**
 * Where the Electron binary is, read from the package's own files. Never `require('electron')`
 * from Node: that call downloads the binary when it is missing, which fails on these machines.
 */
export function findElectronBinary(projectDir: string): ElectronBinary {
  const packageDir = join(projectDir, 'node_modules', 'electron');
  if (!existsSync(join(packageDir, 'package.json'))) return { present: false, reason: 'the electron package is not installed (run npm install)' };
  const pathFile = join(packageDir, 'path.txt');
  if (!existsSync(pathFile)) return { present: false, reason: 'the Electron binary was never downloaded (node_modules/electron/path.txt is missing)' };
  const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
  if (!existsSync(binary)) return { present: false, reason: `the Electron binary is missing: ${binary}` };
  return { present: true, path: binary };
}

export function missingBinaryMessage(reason: string): string {
  return [
    'Plateau : le binaire Electron n’est pas installé sur ce poste.',
    `  (${reason})`,
    'Il ne peut pas être téléchargé ici. Sur un poste de développement qui a accès au réseau :',
    '  node node_modules/electron/install.js   puis   npm start',
    'Sur un poste du plateau : installez la version signée fournie par l’informatique.',
    'Pour lancer la même application dans un navigateur : npm run dev:web',
    '',
    'Plateau: the Electron binary is not installed on this machine and cannot be downloaded here.',
    'On a developer workstation with network access run `node node_modules/electron/install.js`, then `npm start`;',
    'or run the same app in a browser through the harness: npm run dev:web',
  ].join('\n');
}
