import { spawn, spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { missingBinaryMessage } from './electronBinary';
import { electronMirrorReachable, ensureElectronBinary, runElectronInstall } from './electronInstall';

/**
 * `npm start`: fetches the Electron binary once if it is missing and the network allows it,
 * builds, then runs the app — or explains why it cannot on this machine.
 */
const projectDir = fileURLToPath(new URL('../..', import.meta.url));
const binary = await ensureElectronBinary(projectDir, {
  env: process.env,
  reachable: () => electronMirrorReachable(process.env),
  install: runElectronInstall,
  say: (line) => console.error(line),
});
if (!binary.present) {
  console.error(missingBinaryMessage(binary.reason));
  process.exit(1);
}
const build = spawnSync('npm', ['run', 'build'], { cwd: projectDir, stdio: 'inherit', shell: process.platform === 'win32' });
if (build.status !== 0) process.exit(build.status ?? 1);
const child = spawn(binary.path, [projectDir], { cwd: projectDir, stdio: 'inherit' });
// Stopping `npm start` stops Plateau too, so the journal is closed cleanly.
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
