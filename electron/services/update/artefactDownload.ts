import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream, mkdirSync, renameSync, rmSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { Readable, Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import type { FeedFile } from './updateFeed';
import { UpdateProblem } from './updateProblem';

/** The file's SHA-512 in base64, as electron-builder writes it in latest.yml. */
export async function sha512Of(file: string): Promise<string> {
  const hash = createHash('sha512');
  await pipeline(createReadStream(file), hash);
  return hash.digest('base64');
}

/** A file someone else downloaded (electron-updater) is checked against the feed all the same. */
export async function verifyArtefact(file: string, expected: Pick<FeedFile, 'sha512' | 'size'>): Promise<void> {
  const { size } = await stat(file);
  if (expected.size !== undefined && size !== expected.size) {
    throw new UpdateProblem('truncated', `${basename(file)}: ${size} bytes where the feed says ${expected.size}: refused`);
  }
  if ((await sha512Of(file)) !== expected.sha512) throw new UpdateProblem('tampered', `${basename(file)}: SHA-512 differs from the feed's: refused`);
}

/**
 * Downloads an artefact into `dir`, hashing as it streams; only a complete file with the feed's
 * size and SHA-512 is kept (renamed from .partial), anything else is deleted and refused.
 */
export async function downloadArtefact(url: string, expected: FeedFile, dir: string, options: { fetch?: typeof fetch; timeoutMs?: number } = {}): Promise<string> {
  mkdirSync(dir, { recursive: true });
  const name = basename(decodeURIComponent(new URL(url).pathname));
  const target = join(dir, name);
  const partial = `${target}.partial`;
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 30 * 60_000) });
  } catch (error) {
    throw new UpdateProblem('feedUnreachable', `${url} cannot be reached (${(error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name})`);
  }
  if (!response.ok || !response.body) throw new UpdateProblem('artefactMissing', `${url} answered HTTP ${response.status}`);
  const hash = createHash('sha512');
  let bytes = 0;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      hash.update(chunk);
      done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(response.body as WebReadableStream), count, createWriteStream(partial));
  } catch (error) {
    rmSync(partial, { force: true });
    // The server closed before the end (Content-Length not reached): a truncated download.
    throw new UpdateProblem('truncated', `${name}: download interrupted after ${bytes} bytes (${(error as Error).message}): refused`);
  }
  if (expected.size !== undefined && bytes !== expected.size) {
    rmSync(partial, { force: true });
    throw new UpdateProblem('truncated', `${name}: ${bytes} bytes received where the feed says ${expected.size}: refused`);
  }
  if (hash.digest('base64') !== expected.sha512) {
    rmSync(partial, { force: true });
    throw new UpdateProblem('tampered', `${name}: SHA-512 differs from the feed's: refused`);
  }
  renameSync(partial, target);
  return target;
}
