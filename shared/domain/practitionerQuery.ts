import { nameKey } from './nameKey';

/**
 * What a regulator types to find a practitioner in the RPPS pack: an RPPS number (11 digits),
 * an ADELI number (9 characters), or words — a name, a commune, or a name then a commune
 * ("martin brussieu") — each matched as a prefix of the folded name or commune.
 */
export type PractitionerQuery =
  | { kind: 'id'; id: string }
  | { kind: 'words'; key: string; splits: Array<{ name: string; city: string }> };

export const PRACTITIONER_QUERY_MIN = 2;

export function parsePractitionerQuery(text: string): PractitionerQuery | null {
  const compact = text.replace(/\s/g, '');
  if (/^\d{11}$/.test(compact)) return { kind: 'id', id: compact };
  if (/^\d[0-9A-Z]{8}$/i.test(compact) && /\d{4}/.test(compact)) return { kind: 'id', id: compact.toUpperCase() };
  const key = nameKey(text);
  if (key.length < PRACTITIONER_QUERY_MIN) return null;
  const words = key.split(' ');
  // Every cut between a name and a commune, in both orders: "martin brussieu", "brussieu martin".
  const splits = words.slice(1).flatMap((_, i) => {
    const left = words.slice(0, i + 1).join(' ');
    const right = words.slice(i + 1).join(' ');
    return [{ name: left, city: right }, { name: right, city: left }];
  });
  return { kind: 'words', key, splits };
}

/** The upper bound of a prefix range over folded keys (they hold only A–Z, 0–9 and spaces). */
export function prefixEnd(prefix: string): string {
  return `${prefix}\u007f`;
}
