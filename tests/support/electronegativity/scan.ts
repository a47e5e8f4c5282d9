import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

/**
 * Electronegativity (Doyensec's static analysis of Electron apps) as a gate: it reports and exits
 * 0 whatever it finds, so this wrapper decides. Any HIGH fails; a MEDIUM fails unless the
 * checked-in list (accepted.json) justifies it, and an entry that no longer matches a finding
 * fails too, so the list never grows stale. Window options are written at the BrowserWindow call
 * (window.ts) so the tool sees them, rather than rules being silenced.
 */
export interface Finding {
  id: string;
  severity: string;
  confidence: string;
  file: string;
  line: number;
  sample: string;
}
export interface Accepted {
  id: string;
  file: string;
  justification: string;
}

type Issue = { id: string; severity: { name: string }; confidence: { name: string }; file: string; location: { line: number }; sample?: string };
type Runner = (options: Record<string, unknown>) => Promise<{ issues: Issue[]; errors: unknown[] }>;

const require = createRequire(import.meta.url);
const ELECTRON_VERSION = (require('electron/package.json') as { version: string }).version;

export const ACCEPTED_FILE = fileURLToPath(new URL('./accepted.json', import.meta.url));

export function acceptedList(file = ACCEPTED_FILE): Accepted[] {
  return JSON.parse(readFileSync(file, 'utf8')) as Accepted[];
}

export async function scan(input: string): Promise<Finding[]> {
  const run = require('@doyensec/electronegativity/dist/runner.js') as Runner;
  const result = await run({
    input,
    isRelative: true,
    electronVersionOverride: ELECTRON_VERSION,
    // Needs GitHub's release list: advisories are checked in IT's release procedure (README), not here.
    excludeFromScan: ['AvailableSecurityFixesGlobalCheck'],
  });
  if (result.errors.length > 0) throw new Error(`electronegativity could not parse: ${JSON.stringify(result.errors).slice(0, 2000)}`);
  return result.issues.map((i) => ({ id: i.id, severity: i.severity.name, confidence: i.confidence.name, file: i.file, line: i.location.line, sample: String(i.sample ?? '').slice(0, 120) }));
}

export interface Verdict {
  ok: boolean;
  high: Finding[];
  unjustified: Finding[];
  stale: Accepted[];
  justified: Array<Finding & { justification: string }>;
}

export function gate(findings: Finding[], accepted: Accepted[]): Verdict {
  const match = (f: Finding) => accepted.find((a) => a.id === f.id && a.file === f.file);
  const high = findings.filter((f) => f.severity === 'HIGH');
  const rest = findings.filter((f) => f.severity !== 'HIGH');
  const unjustified = rest.filter((f) => f.severity === 'MEDIUM' && !match(f));
  const justified = rest.flatMap((f) => {
    const a = match(f);
    return a ? [{ ...f, justification: a.justification }] : [];
  });
  const stale = accepted.filter((a) => !findings.some((f) => f.id === a.id && f.file === a.file));
  return { ok: high.length === 0 && unjustified.length === 0 && stale.length === 0, high, unjustified, stale, justified };
}

export function describeVerdict(verdict: Verdict): string[] {
  const where = (f: Finding) => `${f.id} ${f.severity}/${f.confidence} ${f.file}:${f.line}  ${f.sample}`;
  return [
    ...verdict.high.map((f) => `HIGH (never accepted): ${where(f)}`),
    ...verdict.unjustified.map((f) => `MEDIUM without a justification in tests/support/electronegativity/accepted.json: ${where(f)}`),
    ...verdict.stale.map((a) => `accepted.json lists ${a.id} in ${a.file}, which is no longer found: remove it`),
    ...verdict.justified.map((f) => `accepted: ${f.id} ${f.file}:${f.line} — ${f.justification}`),
    verdict.ok ? 'electronegativity: OK' : 'electronegativity: FAILED',
  ];
}
