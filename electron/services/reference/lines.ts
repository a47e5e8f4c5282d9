import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { PackProgress } from './packFile';

/**
 * The lines of a text file (UTF-8, BOM dropped, CRLF or LF), with the byte progress every
 * `every` lines: the published extractions are line-oriented and far too big to read whole.
 */
export async function* readLines(path: string, totalBytes: number, onProgress?: (p: PackProgress) => void, every = 10_000): AsyncGenerator<string> {
  const stream = createReadStream(path, { encoding: 'utf8' });
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let count = 0;
  for await (const raw of lines) {
    const line = count === 0 ? raw.replace(/^\uFEFF/, '') : raw;
    count += 1;
    if (onProgress && count % every === 0) onProgress({ rows: count, bytesRead: stream.bytesRead, totalBytes });
    yield line;
  }
  onProgress?.({ rows: count, bytesRead: totalBytes, totalBytes });
}

/**
 * The same lines, handed over a chunk at a time (an array per read of the file): for the million-
 * row extractions, where one async step per line (readline's iterator) costs more than the parsing.
 */
export async function* readLineBatches(path: string, totalBytes: number, onProgress?: (p: PackProgress) => void): AsyncGenerator<string[]> {
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  let rest = '';
  let count = 0;
  let first = true;
  for await (const chunk of stream as AsyncIterable<string>) {
    const text = first ? (rest + chunk).replace(/^\uFEFF/, '') : rest + chunk;
    first = false;
    const lines = text.split('\n');
    rest = lines.pop()!;
    for (let i = 0; i < lines.length; i += 1) if (lines[i]!.endsWith('\r')) lines[i] = lines[i]!.slice(0, -1);
    count += lines.length;
    onProgress?.({ rows: count, bytesRead: stream.bytesRead, totalBytes });
    yield lines;
  }
  if (rest !== '') yield [rest.endsWith('\r') ? rest.slice(0, -1) : rest];
  onProgress?.({ rows: count + (rest !== '' ? 1 : 0), bytesRead: totalBytes, totalBytes });
}

/** Bad rows are counted; the first few are kept word for word for the import report. */
export class BadRows {
  count = 0;
  readonly samples: string[] = [];
  add(lineNumber: number, reason: string): void {
    this.count += 1;
    if (this.samples.length < 20) this.samples.push(`ligne ${lineNumber} : ${reason}`);
  }
}
