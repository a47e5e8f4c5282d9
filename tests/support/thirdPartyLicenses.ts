import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The production dependencies (package.json `dependencies`, and theirs, as installed) with their
 * licences: the list shipped with the package (`npm run licenses` → out/THIRD-PARTY-LICENSES.txt).
 * Read from node_modules' own package.json files, so it is what is actually bundled.
 */
export interface ThirdParty {
  name: string;
  version: string;
  license: string;
  repository: string | null;
  licenseText: string | null;
}

/** Licences the project may ship without a lawyer's look (permissive, no copyleft). */
export const ACCEPTED_LICENSES = ['MIT', 'ISC', 'BSD-2-Clause', 'BSD-3-Clause', 'Apache-2.0', '0BSD', 'BlueOak-1.0.0', 'Unlicense', 'CC0-1.0', 'Python-2.0'];

type Manifest = { name: string; version: string; license?: string | { type?: string }; licenses?: Array<{ type?: string }>; repository?: string | { url?: string }; dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> };

function resolvePackage(name: string, fromDir: string, root: string): string | null {
  // Node's lookup: node_modules of this package, then of each parent up to the project.
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return candidate;
    if (dir === root || dirname(dir) === dir) return null;
  }
}

function licenseOf(manifest: Manifest): string {
  if (typeof manifest.license === 'string') return manifest.license;
  if (manifest.license?.type) return manifest.license.type;
  return manifest.licenses?.map((l) => l.type).filter(Boolean).join(' OR ') || 'UNKNOWN';
}

export function productionDependencies(projectDir: string): ThirdParty[] {
  const root = JSON.parse(readFileSync(join(projectDir, 'package.json'), 'utf8')) as Manifest;
  const found = new Map<string, ThirdParty>();
  const visit = (name: string, fromDir: string, optional: boolean) => {
    const dir = resolvePackage(name, fromDir, projectDir);
    if (!dir) {
      if (optional) return;
      throw new Error(`${name} is a production dependency but is not installed (run npm ci)`);
    }
    const manifest = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as Manifest;
    const key = `${manifest.name}@${manifest.version}`;
    if (found.has(key)) return;
    const licenseFile = readdirSync(dir).find((f) => /^(licen[cs]e|copying)(\.|$)/i.test(f));
    const repository = typeof manifest.repository === 'string' ? manifest.repository : (manifest.repository?.url ?? null);
    found.set(key, { name: manifest.name, version: manifest.version, license: licenseOf(manifest), repository, licenseText: licenseFile ? readFileSync(join(dir, licenseFile), 'utf8').trim() : null });
    for (const dep of Object.keys(manifest.dependencies ?? {})) visit(dep, dir, false);
    for (const dep of Object.keys(manifest.optionalDependencies ?? {})) visit(dep, dir, true);
  };
  for (const dep of Object.keys(root.dependencies ?? {})) visit(dep, projectDir, false);
  return [...found.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
}

/** `(MIT OR Apache-2.0)`: accepted when one branch is. */
export function licenseAccepted(license: string): boolean {
  return license
    .replace(/[()]/g, '')
    .split(/\s+OR\s+/)
    .some((part) => part.split(/\s+AND\s+/).every((l) => ACCEPTED_LICENSES.includes(l.trim())));
}

export function licensesReport(parties: ThirdParty[]): string {
  const header = [`Plateau — composants tiers / third-party components (${parties.length})`, ''];
  const list = parties.map((p) => `${p.name}@${p.version}  ${p.license}${p.repository ? `  ${p.repository}` : ''}`);
  const texts = parties.flatMap((p) => ['', '-'.repeat(72), `${p.name}@${p.version} (${p.license})`, '', p.licenseText ?? '(no licence file in the package)']);
  return [...header, ...list, ...texts, ''].join('\n');
}
