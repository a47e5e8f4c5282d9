import { parse } from 'yaml';
import { z } from 'zod';
import { VERSION_PATTERN } from './updatesConfig';
import { UpdateProblem } from './updateProblem';

/**
 * The generic feed electron-builder publishes: latest.yml (Windows) or latest-linux.yml beside
 * the installers. Only what the decision and the verification need is read; the rest
 * (releaseNotes, blockMapSize…) is tolerated.
 */
const SHA512_BASE64 = /^[A-Za-z0-9+/]{86}==$/;
const feedFileSchema = z.object({
  url: z.string().min(1).max(1000),
  sha512: z.string().regex(SHA512_BASE64, 'expected a base64 SHA-512'),
  size: z.number().int().positive().optional(),
});
const feedSchema = z.object({
  version: z.string().regex(VERSION_PATTERN, 'expected a version such as 1.4.2'),
  files: z.array(feedFileSchema).min(1),
  releaseDate: z.union([z.string(), z.date()]).optional(),
  stagingPercentage: z.number().min(0).max(100).optional(),
});

export type FeedFile = z.output<typeof feedFileSchema>;
export interface Feed {
  version: string;
  files: FeedFile[];
  releaseDate: string | null;
  stagingPercentage: number | null;
}

/** How this workstation was installed decides which artefact of the feed updates it. */
export type PackageKind = 'nsis' | 'deb' | 'AppImage';
const EXTENSION: Record<PackageKind, string> = { nsis: '.exe', deb: '.deb', AppImage: '.AppImage' };

export function feedFileName(platform: NodeJS.Platform): string {
  return platform === 'win32' ? 'latest.yml' : platform === 'darwin' ? 'latest-mac.yml' : 'latest-linux.yml';
}

export function parseFeed(text: string, where: string): Feed {
  // A captive portal, a proxy's error page or a directory listing: say so, not "bad YAML".
  if (/^\s*</.test(text)) throw new UpdateProblem('feedNotYaml', `${where} answered HTML, not an update feed (latest.yml)`);
  let raw: unknown;
  try {
    raw = parse(text);
  } catch (error) {
    throw new UpdateProblem('feedInvalid', `${where} is not valid YAML: ${(error as Error).message.split('\n')[0]}`);
  }
  const result = feedSchema.safeParse(raw);
  if (!result.success) {
    throw new UpdateProblem('feedInvalid', `${where}: ${result.error.issues.map((i) => `${i.path.join('.') || '(file)'}: ${i.message}`).join('; ')}`);
  }
  const { version, files, releaseDate, stagingPercentage } = result.data;
  return {
    version,
    files,
    releaseDate: releaseDate instanceof Date ? releaseDate.toISOString() : (releaseDate ?? null),
    stagingPercentage: stagingPercentage ?? null,
  };
}

export function artefactFor(feed: Feed, kind: PackageKind, where: string): FeedFile {
  const file = feed.files.find((f) => f.url.split(/[?#]/)[0]!.endsWith(EXTENSION[kind]));
  if (!file) throw new UpdateProblem('artefactMissing', `${where} lists no ${EXTENSION[kind]} for ${feed.version}`);
  return file;
}

/** Reads `<feedUrl>/<latest….yml>`; every failure is an UpdateProblem naming the address. */
export async function fetchFeed(feedUrl: string, platform: NodeJS.Platform, options: { fetch?: typeof fetch; timeoutMs?: number } = {}): Promise<Feed> {
  const url = new URL(feedFileName(platform), feedUrl.endsWith('/') ? feedUrl : `${feedUrl}/`).toString();
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, { signal: AbortSignal.timeout(options.timeoutMs ?? 15_000), redirect: 'follow' });
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name;
    throw new UpdateProblem('feedUnreachable', `${url} cannot be reached (${cause})`);
  }
  if (!response.ok) throw new UpdateProblem(response.status === 404 ? 'feedInvalid' : 'feedUnreachable', `${url} answered HTTP ${response.status}`);
  const text = await response.text();
  if ((response.headers.get('content-type') ?? '').includes('html')) throw new UpdateProblem('feedNotYaml', `${url} answered HTML, not an update feed (latest.yml)`);
  return parseFeed(text, url);
}
