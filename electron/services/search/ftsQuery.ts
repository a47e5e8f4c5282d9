/**
 * Words of a query as FTS5 prefix terms, each quoted so that no user text is read as FTS syntax
 * (a quote, NEAR, OR, a star…): what is typed is only ever searched for.
 */
export function ftsQuery(text: string): string | null {
  const words = text
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter(Boolean)
    .slice(0, 8);
  return words.length === 0 ? null : words.map((w) => `"${w}"*`).join(' ');
}
