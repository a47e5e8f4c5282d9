import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

/**
 * Main process and preload, bundled to CommonJS. The sandboxed preload can only `require`
 * electron, so it must be a single file; better-sqlite3 stays external (native, unpacked from
 * the asar by electron-builder).
 */
const external = ['electron', 'better-sqlite3', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

const ENTRIES = { main: 'electron/main/index.ts', preload: 'electron/preload/index.ts' } as const;

// One build per entry (`--mode main`, `--mode preload`) so that each is a single file with no shared chunk.
export default defineConfig(({ mode }) => ({
  build: {
    ssr: true,
    outDir: 'out',
    emptyOutDir: false,
    target: 'node22',
    sourcemap: true,
    minify: false,
    rollupOptions: {
      input: { [`${mode}/index`]: ENTRIES[mode === 'preload' ? 'preload' : 'main'] },
      external,
      output: { format: 'cjs', entryFileNames: '[name].cjs' },
    },
  },
  ssr: { noExternal: true },
}));
