import { z } from 'zod';
import { precisionOfBanType, type AddressCandidate } from '../../../shared/domain/address';

/** GeoCodeJSON as answered by the BAN / Géoplateforme `/search` endpoint (only what we read). */
const featureSchema = z.object({
  geometry: z.object({ type: z.literal('Point'), coordinates: z.tuple([z.number().min(-180).max(180), z.number().min(-90).max(90)]) }),
  properties: z.object({
    label: z.string().min(1).max(500),
    type: z.string(),
    housenumber: z.string().max(20).optional(),
    street: z.string().max(300).optional(),
    name: z.string().max(300).optional(),
    postcode: z.string().max(10).optional(),
    city: z.string().min(1).max(200),
    citycode: z.string().regex(/^(\d{2}|2[AB])\d{3}$/),
  }),
});
const geoCodeJsonSchema = z.object({ type: z.literal('FeatureCollection'), features: z.array(featureSchema).max(100) });

export class BanUnavailable extends Error {
  constructor(
    readonly reason: 'timeout' | 'unreachable' | 'http' | 'garbage',
    message: string,
  ) {
    super(message);
  }
}

export interface BanClientOptions {
  baseUrl: string;
  timeoutMs: number;
  fetch?: typeof fetch;
}

/**
 * Search-as-you-type against the national address base. Anything other than a well-formed
 * answer within the time limit is `BanUnavailable`, so the caller can fall back to the offline
 * index instead of leaving an ARM waiting on the network.
 */
export async function searchBan(query: string, limit: number, options: BanClientOptions): Promise<AddressCandidate[]> {
  const url = new URL('search', options.baseUrl.endsWith('/') ? options.baseUrl : `${options.baseUrl}/`);
  url.searchParams.set('q', query);
  url.searchParams.set('limit', String(limit));
  url.searchParams.set('autocomplete', '1');
  let response: Response;
  try {
    response = await (options.fetch ?? fetch)(url, { signal: AbortSignal.timeout(options.timeoutMs), headers: { accept: 'application/json' } });
  } catch (error) {
    const timedOut = error instanceof Error && (error.name === 'TimeoutError' || error.name === 'AbortError');
    throw new BanUnavailable(timedOut ? 'timeout' : 'unreachable', `BAN ${timedOut ? `did not answer within ${options.timeoutMs} ms` : 'unreachable'}`);
  }
  if (!response.ok) throw new BanUnavailable('http', `BAN answered HTTP ${response.status}`);
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    throw new BanUnavailable('garbage', 'BAN answered something that is not JSON');
  }
  const parsed = geoCodeJsonSchema.safeParse(body);
  if (!parsed.success) throw new BanUnavailable('garbage', `BAN answer is not GeoCodeJSON: ${parsed.error.issues[0]?.message ?? ''}`);
  return parsed.data.features.map(({ geometry, properties: p }) => ({
    label: p.label,
    houseNumber: p.housenumber ?? null,
    street: p.street ?? (p.type === 'street' ? (p.name ?? null) : null),
    postcode: p.postcode ?? null,
    city: p.city,
    inseeCode: p.citycode,
    lon: geometry.coordinates[0],
    lat: geometry.coordinates[1],
    precision: precisionOfBanType(p.type),
  }));
}
