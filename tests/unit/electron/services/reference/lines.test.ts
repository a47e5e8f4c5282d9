import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readLineBatches, readLines } from '../../../../../electron/services/reference/lines';
import { makeTempDir } from '../../../../support/tempDir';

/** The batched reader gives exactly the lines the line reader gives, whatever the chunk boundaries. */
describe('readLineBatches', () => {
  const dir = makeTempDir();
  afterEach(() => undefined);
  const both = async (name: string, text: string) => {
    const path = join(dir.path, name);
    writeFileSync(path, text);
    const batched: string[] = [];
    for await (const lines of readLineBatches(path, Buffer.byteLength(text))) batched.push(...lines);
    const single: string[] = [];
    for await (const line of readLines(path, Buffer.byteLength(text))) single.push(line);
    return { batched, single };
  };

  it('drops the BOM, reads CRLF and LF, keeps a last line without newline and empty lines', async () => {
    const { batched, single } = await both('small.txt', '\uFEFFa|b\r\nc|d\n\ne|f');
    expect(batched).toEqual(['a|b', 'c|d', '', 'e|f']);
    expect(batched).toEqual(single);
  });

  it('joins a line cut by a chunk boundary (1 MiB reads), accents included', async () => {
    const line = `${'é'.repeat(300)}|${'x'.repeat(700)}`;
    const text = `${Array.from({ length: 3000 }, (_, i) => `${i}|${line}`).join('\r\n')}\r\n`;
    const { batched, single } = await both('big.txt', text);
    expect(batched).toHaveLength(3000);
    expect(batched).toEqual(single);
    dir.cleanup();
  });
});
