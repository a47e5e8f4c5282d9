import { spawn, spawnSync } from 'node:child_process';
import { findElectronBinary, missingBinaryMessage } from './electronBinary';

/** `npm start`: builds, then runs the Electron app — or explains why it cannot here. */
const projectDir = process.cwd();
const binary = findElectronBinary(projectDir);
if (!binary.present) {
  console.error(missingBinaryMessage(binary.reason));
  process.exit(1);
}
const build = spawnSync('npm', ['run', 'build'], { stdio: 'inherit', shell: process.platform === 'win32' });
if (build.status !== 0) process.exit(build.status ?? 1);
const child = spawn(binary.path, [projectDir], { stdio: 'inherit' });
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
