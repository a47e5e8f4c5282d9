import { join } from 'node:path';
import { build } from 'esbuild';

/**
 * The harness bundled once per test worker (esbuild, the packages left to node_modules), what every
 * spec starts: a tsx start compiles the services each time, tens of seconds on a busy 2-core
 * machine; the bundle starts in a fraction of that (measured 2.6–3.0 s against 4.4–5.6 s, lightly loaded). Run from the repository root, as
 * the harness itself expects (it serves out/renderer and tests/harness/browserClient.ts from there).
 */
const BUNDLE = join(process.cwd(), 'node_modules', '.cache', 'plateau-harness-test', `devWeb-${process.pid}.mjs`);
let built: Promise<string> | null = null;

export function harnessBundle(): Promise<string> {
  built ??= build({
    entryPoints: [join(process.cwd(), 'tests/harness/devWeb.ts')],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node22',
    outfile: BUNDLE,
    packages: 'external',
    logLevel: 'silent',
  }).then(() => BUNDLE);
  return built;
}
