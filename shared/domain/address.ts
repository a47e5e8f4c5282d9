import type { CodeOf } from './codes';

/** One answer of the address search, whichever source gave it. */
export interface AddressCandidate {
  label: string;
  houseNumber: string | null;
  street: string | null;
  postcode: string | null;
  city: string;
  inseeCode: string;
  lat: number;
  lon: number;
  precision: CodeOf<'precision'>;
}

export type AddressSource = 'BAN' | 'OFFLINE';

/** GeoCodeJSON result types of the national address base, as HubSante.precision. */
export function precisionOfBanType(type: string): CodeOf<'precision'> {
  switch (type) {
    case 'housenumber':
      return 'ADRESSE';
    case 'street':
    case 'locality':
      return 'RUE';
    case 'municipality':
      return 'VILLE';
    default:
      return 'INCONNUE';
  }
}
