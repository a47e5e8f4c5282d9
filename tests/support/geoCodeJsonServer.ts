import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export type GeoMode = 'ok' | 'slow' | 'error' | 'garbage' | 'wrongShape';

/**
 * A small stand-in for the national address service (`/search`, GeoCodeJSON), on 127.0.0.1,
 * whose behaviour a test switches: answering, too slow, failing, or answering garbage.
 */
export async function startGeoCodeJsonServer(): Promise<{ url: string; setMode(mode: GeoMode): void; queries: string[]; close(): Promise<void> }> {
  let mode: GeoMode = 'ok';
  const queries: string[] = [];
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname !== '/geocodage/search') return void res.writeHead(404).end();
    queries.push(url.searchParams.get('q') ?? '');
    const body = {
      type: 'FeatureCollection',
      version: 'draft',
      features: [
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [4.835, 45.7578] },
          properties: { label: '12 Rue de la République 69002 Lyon', score: 0.97, housenumber: '12', id: '69382_5960_00012', name: '12 Rue de la République', postcode: '69002', citycode: '69382', city: 'Lyon', type: 'housenumber', street: 'Rue de la République' },
        },
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [4.836, 45.76] },
          properties: { label: 'Rue de la République 69002 Lyon', score: 0.9, id: '69382_5960', name: 'Rue de la République', postcode: '69002', citycode: '69382', city: 'Lyon', type: 'street' },
        },
      ],
      query: url.searchParams.get('q'),
    };
    switch (mode) {
      case 'ok':
        return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
      case 'slow':
        return void setTimeout(() => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body)), 3000).unref();
      case 'error':
        return void res.writeHead(503).end('maintenance');
      case 'garbage':
        return void res.writeHead(200, { 'content-type': 'application/json' }).end('<html>not json</html>');
      case 'wrongShape':
        return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ type: 'FeatureCollection', features: [{ properties: { label: 'x' } }] }));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/geocodage`,
    setMode: (next) => (mode = next),
    queries,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
