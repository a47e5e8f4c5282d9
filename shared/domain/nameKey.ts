/**
 * The form under which patient names are compared: "Lefèvre", "LEFEVRE" and " lefevre " are
 * the same person for a repeat-caller search (accents, case, spaces, hyphens and apostrophes).
 */
export function nameKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{Diacritic}/gu, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
}
