import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { serializeToYaml } from 'builder-util/out/util';
import { hashFile } from 'app-builder-lib/out/util/hash';

/**
 * An update feed as IT hosts one: a folder with latest.yml / latest-linux.yml written the way
 * electron-builder writes them (its own hash and YAML serializer) beside the artefacts, served
 * over real HTTP on 127.0.0.1. Knobs for what goes wrong: a route that cuts a download short,
 * one that answers HTML.
 */
export interface FeedServer {
  url: string;
  /** Publishes a release: artefact bytes + latest.yml for that platform; returns the artefact's file name. */
  publish(options: { version: string; platform: 'win32' | 'linux'; kind: 'nsis' | 'deb' | 'AppImage'; bytes?: Buffer; stagingPercentage?: number; sizeInFeed?: boolean }): Promise<{ name: string; bytes: Buffer }>;
  /** Replaces an artefact's content after its latest.yml was written (a tampered mirror). */
  tamper(name: string): void;
  /** Serves every artefact cut short (Content-Length promised, connection closed early). */
  truncate(on: boolean): void;
  /** Answers every request with a captive portal's HTML page. */
  html(on: boolean): void;
  requests: string[];
  close(): Promise<void>;
}

const EXTENSION = { nsis: 'exe', deb: 'deb', AppImage: 'AppImage' } as const;

export async function startFeedServer(root: string): Promise<FeedServer> {
  mkdirSync(root, { recursive: true });
  let truncating = false;
  let portal = false;
  const requests: string[] = [];
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname).replace(/^\/+/, '');
    requests.push(path);
    if (portal) {
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      response.end('<!DOCTYPE html><html><body>Portail captif : identifiez-vous</body></html>');
      return;
    }
    const file = join(root, path);
    if (path.includes('..') || !path || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
      response.writeHead(404, { 'content-type': 'text/plain' });
      response.end('not found');
      return;
    }
    const body = readFileSync(file);
    const yml = path.endsWith('.yml');
    response.writeHead(200, { 'content-type': yml ? 'text/yaml' : 'application/octet-stream', 'content-length': body.length });
    if (truncating && !yml) {
      // Half the promised bytes reach the client, then the connection drops.
      response.write(body.subarray(0, Math.floor(body.length / 2)), () => setTimeout(() => response.socket?.destroy(), 20));
      return;
    }
    response.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${address.port}/plateau/`,
    requests,
    async publish({ version, platform, kind, bytes = randomBytes(256 * 1024 + 17), stagingPercentage, sizeInFeed = true }) {
      const dir = join(root, 'plateau');
      mkdirSync(dir, { recursive: true });
      const name = kind === 'nsis' ? `Plateau-Setup-${version}.exe` : `Plateau-${version}.${EXTENSION[kind]}`;
      writeFileSync(join(dir, name), bytes);
      const sha512 = await hashFile(join(dir, name));
      // The shape of app-builder-lib's createUpdateInfo + writeUpdateInfoFiles.
      const info: Record<string, unknown> = {
        version,
        files: [{ url: name, sha512, ...(sizeInFeed ? { size: bytes.length } : {}), ...(kind === 'nsis' ? { isAdminRightsRequired: true } : {}) }],
        path: name,
        sha512,
        releaseDate: new Date().toISOString(),
        ...(stagingPercentage !== undefined ? { stagingPercentage } : {}),
      };
      writeFileSync(join(dir, platform === 'win32' ? 'latest.yml' : 'latest-linux.yml'), serializeToYaml(info, false, true));
      return { name, bytes };
    },
    tamper(name) {
      const file = join(root, 'plateau', name);
      const bytes = readFileSync(file);
      const middle = bytes.length >> 1;
      bytes[middle] = bytes[middle]! ^ 0xff;
      writeFileSync(file, bytes);
    },
    truncate(on) {
      truncating = on;
    },
    html(on) {
      portal = on;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
