import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';

/** What packaging must keep (QUALITY.md, Electron security): checked so that nobody drops it by accident. */
describe('electron-builder.yml', () => {
  const config = parse(readFileSync('electron-builder.yml', 'utf8')) as Record<string, unknown>;

  it('sets the security fuses', () => {
    expect(config.electronFuses).toMatchObject({
      runAsNode: false,
      enableCookieEncryption: true,
      enableNodeOptionsEnvironmentVariable: false,
      enableNodeCliInspectArguments: false,
      enableEmbeddedAsarIntegrityValidation: true,
      onlyLoadAppFromAsar: true,
    });
  });

  it('never rebuilds native modules and unpacks better-sqlite3 prebuilds from the asar', () => {
    expect(config.npmRebuild).toBe(false);
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/prebuilds/**');
  });

  it('ships the built app, not the sources, and keeps build/ for builder resources', () => {
    expect(config.files).toEqual(expect.arrayContaining(['out/main/**', 'out/preload/**', 'out/renderer/**']));
    expect((config.directories as Record<string, string>).buildResources).toBe('build');
    expect(JSON.stringify(config)).not.toMatch(/password|CSC_KEY_PASSWORD:/i);
  });

  it('installs per machine on Windows (IT deployment)', () => {
    expect(config.nsis).toMatchObject({ perMachine: true });
  });

  it('points main at the bundled main process', () => {
    const pkg = JSON.parse(readFileSync('package.json', 'utf8')) as { main: string };
    expect(pkg.main).toBe('out/main/index.cjs');
  });
});
