import { builtinModules } from 'node:module';
import { defineConfig, type EnvironmentOptions, type Plugin } from 'vite';
import { LISTENERS, METHODS } from './shared/api/contract';
import { hoistPegBytecode, SIP_GRAMMAR_MODULE } from './electron/services/telephony/sipGrammarPatch';

/**
 * Main process and preload, each bundled to one CommonJS file by a single `vite build`
 * (two environments, so they never share a chunk). better-sqlite3 stays external: it is
 * native, and electron-builder unpacks it from the asar.
 */
const nodeExternals = ['electron', 'better-sqlite3', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)];

function cjsBundle(entry: string, outDir: string, options: { external: string[]; pureModules?: boolean }): EnvironmentOptions {
  return {
    consumer: 'server',
    // Bundle every dependency: only what `external` names is required at run time.
    resolve: { noExternal: true },
    build: {
      outDir,
      emptyOutDir: true,
      target: 'node22',
      sourcemap: true,
      minify: false,
      rolldownOptions: {
        input: { index: entry },
        external: options.external,
        // shared/ and its libraries have no side effects at import: let the preload drop the
        // schemas (and zod) it imports with the contract but never runs.
        ...(options.pureModules ? { treeshake: { moduleSideEffects: false } } : {}),
        // One file: a lazily imported module (electron-updater) is inlined, not split into a chunk.
        output: { format: 'cjs', entryFileNames: '[name].cjs', codeSplitting: false },
      },
    },
  };
}

/** sip.js' grammar decoded once at load, not on every parse (see sipGrammarPatch.ts). */
function sipGrammarOnce(): Plugin {
  return {
    name: 'plateau:sip-grammar-once',
    transform(code, id) {
      if (!SIP_GRAMMAR_MODULE.test(id.split('?')[0]!)) return null;
      const patched = hoistPegBytecode(code);
      // A sip.js upgrade that changes the generated parser must be looked at, not shipped slow.
      if (patched === null) this.error(`sip.js grammar (${id}) is not the shape sipGrammarPatch.ts expects`);
      return { code: patched, map: null };
    },
  };
}

/**
 * The preload's surface (shared/api/surface.ts) as plain values, computed here from the contract:
 * the sandboxed preload then carries the method and event names, not the schemas they come with.
 */
function surfaceAsValues(): Plugin {
  return {
    name: 'plateau:surface-as-values',
    applyToEnvironment: (environment) => environment.name === 'preload',
    load(id) {
      if (!/[\\/]shared[\\/]api[\\/]surface\.ts$/.test(id.split('?')[0]!)) return null;
      return `export const METHODS = ${JSON.stringify(METHODS)};\nexport const LISTENERS = ${JSON.stringify(LISTENERS)};\n`;
    },
  };
}

export default defineConfig({
  plugins: [sipGrammarOnce(), surfaceAsValues()],
  environments: {
    main: cjsBundle('electron/main/index.ts', 'out/main', { external: nodeExternals }),
    // The sandboxed preload can `require` electron and nothing else.
    preload: cjsBundle('electron/preload/index.ts', 'out/preload', { external: ['electron'], pureModules: true }),
  },
  builder: {
    async buildApp(builder) {
      for (const name of ['main', 'preload']) {
        const environment = builder.environments[name];
        if (!environment) throw new Error(`vite.main.config.ts: environment ${name} is missing`);
        await builder.build(environment);
      }
    },
  },
});
