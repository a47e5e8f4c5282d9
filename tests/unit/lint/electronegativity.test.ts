import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { acceptedList, gate, scan, type Finding } from '../../support/electronegativity/scan';
import { makeTempDir } from '../../support/tempDir';

/** The security gate `npm run lint` applies to electron/, and what makes it fail. */
describe('electronegativity gate', () => {
  let dir: ReturnType<typeof makeTempDir>;
  beforeAll(() => {
    dir = makeTempDir();
    // The mistakes the gate exists for: Node in the page, no isolation, no sandbox.
    writeFileSync(
      join(dir.path, 'badWindow.ts'),
      "import { BrowserWindow } from 'electron';\nexport const w = new BrowserWindow({ webPreferences: { nodeIntegration: true, contextIsolation: false, sandbox: false } });\n",
    );
  });
  afterAll(() => dir.cleanup());

  it('fails on a HIGH finding, whatever the accepted list says', async () => {
    const findings = await scan(dir.path);
    expect(findings.filter((f) => f.severity === 'HIGH').map((f) => f.id)).toEqual(expect.arrayContaining(['CONTEXT_ISOLATION_JS_CHECK']));
    const acceptingEverything = findings.map((f) => ({ id: f.id, file: f.file, justification: 'no' }));
    expect(gate(findings, acceptingEverything)).toMatchObject({ ok: false, high: expect.arrayContaining([expect.objectContaining({ id: 'CONTEXT_ISOLATION_JS_CHECK' })]) });
  }, 60_000);

  it('fails on an unjustified MEDIUM and on a stale justification', () => {
    const medium: Finding = { id: 'PRELOAD_JS_CHECK', severity: 'MEDIUM', confidence: 'FIRM', file: 'main/window.ts', line: 14, sample: 'preload,' };
    expect(gate([medium], [])).toMatchObject({ ok: false, unjustified: [medium] });
    expect(gate([medium], [{ id: 'PRELOAD_JS_CHECK', file: 'main/window.ts', justification: 'ours' }])).toMatchObject({ ok: true });
    expect(gate([], [{ id: 'PRELOAD_JS_CHECK', file: 'main/window.ts', justification: 'ours' }])).toMatchObject({ ok: false, stale: [{ id: 'PRELOAD_JS_CHECK' }] });
  });

  it('passes on electron/: no HIGH, each MEDIUM justified in accepted.json', async () => {
    const verdict = gate(await scan('electron'), acceptedList());
    expect(verdict.high).toEqual([]);
    expect(verdict.unjustified).toEqual([]);
    expect(verdict.stale).toEqual([]);
    for (const accepted of acceptedList()) expect(accepted.justification.length).toBeGreaterThan(40);
  }, 60_000);
});
