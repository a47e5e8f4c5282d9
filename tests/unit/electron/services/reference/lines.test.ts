import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readLineBatches, readLines } from '../../../../../electron/services/reference/lines';
import type { PackProgress } from '../../../../../electron/services/reference/packFile';
import { makeTempDir } from '../../../../support/tempDir';

describe('readLineBatches', () => {
  const dir = makeTempDir();
  afterAll(() => dir.cleanup());

  async function batches(text: string, every?: number): Promise<{ lines: string[]; progress: PackProgress[] }> {
    const path = join(dir.path, 'f.txt');
    writeFileSync(path, text);
    const lines: string[] = [];
    const progress: PackProgress[] = [];
    for await (const batch of readLineBatches(path, Buffer.byteLength(text), (p) => progress.push(p), every)) lines.push(...batch);
    return { lines, progress };
  }

  it('gives the same lines as the line-by-line reader: BOM dropped, CRLF and LF, no final newline', async () => {
    const text = '\uFEFFa|b\r\nc|d\n\ne|é\r\nlast';
    const path = join(dir.path, 'g.txt');
    writeFileSync(path, text);
    const one: string[] = [];
    for await (const line of readLines(path, Buffer.byteLength(text))) one.push(line);
    const { lines, progress } = await batches(text);
    expect(lines).toEqual(['a|b', 'c|d', '', 'e|é', 'last']);
    expect(lines).toEqual(one);
    expect(progress.at(-1)).toEqual({ rows: 5, bytesRead: Buffer.byteLength(text), totalBytes: Buffer.byteLength(text) });
  });

  it('keeps lines whole across read buffers (multi-byte characters at the seams) and reports progress on the way', async () => {
    const rows = Array.from({ length: 60_000 }, (_, i) => `${i}|Hélène|Mâcon`);
    const { lines, progress } = await batches(`${rows.join('\n')}\n`, 10_000);
    expect(lines).toEqual(rows);
    expect(progress.length).toBeGreaterThan(1);
    expect(progress.map((p) => p.rows)).toEqual([...progress.map((p) => p.rows)].sort((a, b) => a - b));
    expect(progress.at(-1)?.rows).toBe(60_000);
  });
});
