import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { licenseAccepted, licensesReport, productionDependencies } from '../../support/thirdPartyLicenses';
import { makeTempDir } from '../../support/tempDir';

describe('third-party licences (npm run licenses)', () => {
  let dir: ReturnType<typeof makeTempDir>;
  const add = (path: string, manifest: Record<string, unknown>, license?: string) => {
    const folder = join(dir.path, path);
    mkdirSync(folder, { recursive: true });
    writeFileSync(join(folder, 'package.json'), JSON.stringify(manifest));
    if (license) writeFileSync(join(folder, 'LICENSE'), license);
  };
  beforeEach(() => (dir = makeTempDir()));
  afterEach(() => dir.cleanup());

  it('walks the production dependencies as Node resolves them, nested versions included, dev ones left out', () => {
    add('.', { name: 'app', version: '1.0.0', dependencies: { a: '^1' }, devDependencies: { vitest: '^5' } });
    add('node_modules/a', { name: 'a', version: '1.2.0', license: 'MIT', dependencies: { b: '^2' } }, 'MIT text of a');
    add('node_modules/b', { name: 'b', version: '1.0.0', license: 'ISC' });
    add('node_modules/a/node_modules/b', { name: 'b', version: '2.0.0', license: { type: 'Apache-2.0' }, optionalDependencies: { absent: '^1' } });
    add('node_modules/vitest', { name: 'vitest', version: '5.0.0', license: 'MIT' });
    const parties = productionDependencies(dir.path);
    expect(parties.map((p) => `${p.name}@${p.version} ${p.license}`)).toEqual(['a@1.2.0 MIT', 'b@2.0.0 Apache-2.0']);
    expect(licensesReport(parties)).toContain('MIT text of a');
  });

  it('accepts permissive licences and flags the others', () => {
    expect(licenseAccepted('MIT')).toBe(true);
    expect(licenseAccepted('(MIT OR GPL-3.0)')).toBe(true);
    expect(licenseAccepted('BlueOak-1.0.0')).toBe(true);
    expect(licenseAccepted('GPL-3.0-only')).toBe(false);
    expect(licenseAccepted('UNKNOWN')).toBe(false);
  });

  it("the project's own production dependencies are all accepted", () => {
    const refused = productionDependencies(process.cwd()).filter((p) => !licenseAccepted(p.license));
    expect(refused).toEqual([]);
  });
});
