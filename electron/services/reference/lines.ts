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

/** Bad rows are counted; the first few are kept word for word for the import report. */
export class BadRows {
  count = 0;
  readonly samples: string[] = [];
  add(lineNumber: number, reason: string): void {
    this.count += 1;
    if (this.samples.length < 20) this.samples.push(`ligne ${lineNumber} : ${reason}`);
  }
}

/**
 * The same lines (LF or CRLF), a read buffer's worth at a time: a loader handles each batch in one
 * synchronous pass, so a million-line extraction costs a thousand awaits instead of a million.
 */
export async function* readLineBatches(path: string, totalBytes: number, onProgress?: (p: PackProgress) => void, every = 10_000): AsyncGenerator<string[]> {
  const stream = createReadStream(path, { encoding: 'utf8', highWaterMark: 1 << 20 });
  let carry = '';
  let count = 0;
  let reported = 0;
  for await (const chunk of stream as AsyncIterable<string>) {
    const text = count === 0 && carry === '' ? chunk.replace(/^\uFEFF/, '') : chunk;
    const end = text.lastIndexOf('\n');
    if (end < 0) {
      carry += text;
      continue;
    }
    const lines = (carry + text.slice(0, end)).split('\n');
    carry = text.slice(end + 1);
    for (let i = 0; i < lines.length; i += 1) if (lines[i]!.endsWith('\r')) lines[i] = lines[i]!.slice(0, -1);
    count += lines.length;
    yield lines;
    if (onProgress && count - reported >= every) {
      reported = count;
      onProgress({ rows: count, bytesRead: stream.bytesRead, totalBytes });
    }
  }
  if (carry !== '') {
    count += 1;
    yield [carry.endsWith('\r') ? carry.slice(0, -1) : carry];
  }
  onProgress?.({ rows: count, bytesRead: totalBytes, totalBytes });
}
