import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import { join } from 'node:path';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBuilder } from 'vite';
import { LISTENERS, METHODS } from '../../../shared/api/contract';
import { makeTempDir } from '../../support/tempDir';

/**
 * Builds main and preload with the project's own vite.main.config.ts (into a temporary folder)
 * and checks what Electron will actually load: one CJS file each, requiring only what exists
 * at run time — for the sandboxed preload, `electron` alone.
 */
describe('main and preload bundles', () => {
  let dir: ReturnType<typeof makeTempDir>;
  // Ajv's code generator carries `require("ajv/…")` inside tagged templates (_`require(…)`) for its
  // standalone mode, which Plateau does not use: text in the bundle, never a call. Only a require
  // that is not the start of such a template counts.
  const requiresOf = (code: string) => [...new Set([...code.matchAll(/(`)?\brequire\((["'])([^"']+)\2\)/g)].filter((m) => m[1] !== '`').map((m) => m[3]!))].sort();

  beforeAll(async () => {
    dir = makeTempDir();
    const builder = await createBuilder({
      configFile: 'vite.main.config.ts',
      logLevel: 'silent',
      environments: { main: { build: { outDir: join(dir.path, 'main') } }, preload: { build: { outDir: join(dir.path, 'preload') } } },
    });
    await builder.buildApp();
  }, 120_000);
  afterAll(() => dir.cleanup());

  it('main is one CJS file needing only electron, better-sqlite3 and Node built-ins', () => {
    const code = readFileSync(join(dir.path, 'main', 'index.cjs'), 'utf8');
    const allowed = new Set(['electron', 'better-sqlite3', ...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    const required = requiresOf(code);
    expect(required).toContain('electron');
    expect(required.filter((m) => !allowed.has(m))).toEqual([]);
    expect(code).not.toMatch(/\bimport\.meta\b|^\s*import\s/m);
    // The templates left out above are Ajv's, and only those.
    const templates = [...code.matchAll(/`require\((["'])([^"']+)\1\)/g)].map((m) => m[2]!);
    expect(templates.every((m) => /^ajv(-formats)?\/dist\//.test(m))).toBe(true);
  });

  it("main carries sip.js' grammar with its bytecode decoded once at load (sipGrammarPatch.ts)", () => {
    const code = readFileSync(join(dir.path, 'main', 'index.cjs'), 'utf8');
    expect(code).toContain('const peg$bytecode = peg$bytecodeOnce;');
    expect(code).not.toMatch(/const peg\$bytecode = \[/);
  });

  it('the preload runs in a sandbox-like context with `require("electron")` only and exposes the contract', () => {
    const code = readFileSync(join(dir.path, 'preload', 'index.cjs'), 'utf8');
    expect(requiresOf(code)).toEqual(['electron']);
    // Nothing from the schemas (zod) travels into the page's preload.
    expect(code.length).toBeLessThan(10_000);
    const exposed = new Map<string, Record<string, unknown>>();
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, api: Record<string, unknown>) => exposed.set(key, api) },
      ipcRenderer: { invoke: () => Promise.resolve(), on: () => undefined, removeListener: () => undefined },
    };
    const sandboxRequire = (id: string) => {
      if (id !== 'electron') throw new Error(`module not found: ${id}`);
      return electron;
    };
    const module = { exports: {} };
    runInNewContext(code, { require: sandboxRequire, module, exports: module.exports });
    expect(Object.keys(exposed.get('plateau') ?? {}).sort()).toEqual([...Object.keys(METHODS), ...Object.keys(LISTENERS)].sort());
  });
});
