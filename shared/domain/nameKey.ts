/**
 * The form under which names are compared: "Lefèvre", "LEFEVRE" and " lefevre " are the same
 * person for a repeat-caller or practitioner search (accents, case, spaces, hyphens and apostrophes).
 */
export function nameKey(name: string): string {
  // Plain ASCII has nothing to decompose: skipping NFD keeps a million-row pack import fast.
  const folded = /^[\x20-\x7e]*$/.test(name) ? name : name.normalize('NFD').replace(/\p{Diacritic}/gu, '');
  return folded
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, ' ')
    .trim();
}
