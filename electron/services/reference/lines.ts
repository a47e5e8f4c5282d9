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
