import type { Dossier } from '../dossier';

/** Where the national SAS platform's search page is, and who we are to it (workstation config). */
export interface SasSearchConfig {
  /** https://… — the platform's address, without the /sas/recherche path. */
  baseUrl: string;
  /** Our identifier as the platform knows it (the `origin` parameter). */
  origin: string;
}

/** The search criteria of INT_L01 (DOMAIN §6): each optional, only these are ever sent. */
export interface SasSearchCriteria {
  streetNumber?: string | null;
  streetName?: string | null;
  inseeCode?: string | null;
  city?: string | null;
  specialty?: string | null;
  practitioner?: string | null;
}

export const SAS_SEARCH_PATH = '/sas/recherche';

/** The platform's parameter names, in the order of the specification. */
const PARAMS: ReadonlyArray<[keyof SasSearchCriteria, string]> = [
  ['streetNumber', 'streetnumber'],
  ['streetName', 'streetname'],
  ['inseeCode', 'inseecode'],
  ['city', 'city'],
  ['specialty', 'specialty'],
  ['practitioner', 'practitioner'],
];

const HTTPS_BASE = /^https:\/\/[^/?#\s]+(\/[^?#\s]*)?$/i;

export function isSasBaseUrl(baseUrl: string): boolean {
  return HTTPS_BASE.test(baseUrl);
}

/** What the dossier tells the search: where the patient is (the location found or typed). */
export function sasCriteriaOf(d: Pick<Dossier, 'location'>, extra: Pick<SasSearchCriteria, 'specialty' | 'practitioner'> = {}): SasSearchCriteria {
  const l = d.location;
  // A place entered by hand has no street the platform could know: its commune is what it can search around.
  if (l?.source === 'UNVERIFIED') return { streetNumber: null, streetName: null, inseeCode: l.commune.inseeCode, city: l.commune.name, ...extra };
  return {
    streetNumber: l?.houseNumber ?? null,
    streetName: l?.street ?? null,
    inseeCode: l?.inseeCode ?? null,
    city: l?.city ?? null,
    ...extra,
  };
}

/**
 * INT_L01: `<base>/sas/recherche?origin=…&streetnumber=…&…`, each value URL-encoded, empty ones
 * left out. Throws on a base that is not plain https (the configuration refuses it first).
 */
export function sasSearchUrl(config: SasSearchConfig, criteria: SasSearchCriteria): string {
  if (!isSasBaseUrl(config.baseUrl)) throw new Error('SAS search base URL must be https://host[/path] without query or fragment');
  const query: string[] = [`origin=${encodeURIComponent(config.origin)}`];
  for (const [key, name] of PARAMS) {
    const value = criteria[key]?.trim();
    if (value) query.push(`${name}=${encodeURIComponent(value)}`);
  }
  return `${config.baseUrl.replace(/\/+$/, '')}${SAS_SEARCH_PATH}?${query.join('&')}`;
}
