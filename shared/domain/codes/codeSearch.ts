/**
 * Finding a code in an official list by what the operator types: words of the label (accents and
 * case ignored, in any order, each a word start) or the code itself. Pure, so the picker and its
 * tests rank the same way.
 */

export interface CodeEntry {
  readonly code: string;
  readonly label: string;
}

export interface RankOptions {
  /** Codes chosen lately on this post, most recent first: they come first among equal matches. */
  readonly recent?: readonly string[];
  /** Codes most often needed (the languages heard in a French room): next after the recent ones. */
  readonly common?: readonly string[];
}

/** Lower case without diacritics: "Défibrillé" and "defibrille" are the same words. */
export function foldText(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

function words(text: string): string[] {
  return foldText(text).split(/[^\p{L}\p{N}.]+/u).filter((w) => w.length > 0);
}

/** How well an entry answers the query: lower is better, null when it does not match at all. */
function matchRank(entry: CodeEntry, queryWords: readonly string[], query: string): number | null {
  if (queryWords.length === 0) return 4;
  const code = foldText(entry.code);
  if (code === query) return 0;
  if (code.startsWith(query)) return 1;
  const labelWords = words(entry.label);
  const everyWordStarts = queryWords.every((q) => labelWords.some((w) => w.startsWith(q)));
  if (everyWordStarts) return 2;
  const label = foldText(entry.label);
  if (queryWords.every((q) => label.includes(q))) return 5;
  return null;
}

/**
 * The entries that match the query, best first: exact code, code prefix, every word starting a
 * word of the label, then plain substrings; within each, recent choices first,
 * then the common ones in their given order, then the official order.
 */
export function rankCodes<E extends CodeEntry>(entries: readonly E[], query: string, options: RankOptions = {}): E[] {
  const folded = foldText(query.trim());
  const queryWords = words(query);
  const preference = (code: string): number => {
    const recent = options.recent?.indexOf(code) ?? -1;
    if (recent >= 0) return recent;
    const common = options.common?.indexOf(code) ?? -1;
    return common >= 0 ? 1000 + common : 10_000;
  };
  return entries
    .map((entry, index) => ({ entry, index, rank: matchRank(entry, queryWords, folded) }))
    .filter((m): m is { entry: E; index: number; rank: number } => m.rank !== null)
    .sort((a, b) => a.rank - b.rank || preference(a.entry.code) - preference(b.entry.code) || a.index - b.index)
    .map((m) => m.entry);
}

/** The new list of recent choices after choosing `code`: it moves to the front, the list stays short. */
export function rememberChoice(recent: readonly string[], code: string, keep = 8): string[] {
  return [code, ...recent.filter((c) => c !== code)].slice(0, keep);
}

/**
 * The languages a French regulation room hears most, most frequent first (ISO 639-1 codes of the
 * official list): French before anything else, then the languages of the largest communities
 * and of visitors. The rest of the list follows in its official order.
 */
export const COMMON_LANGUAGES: readonly string[] = ['fr', 'en', 'es', 'ar', 'pt', 'it', 'de', 'tr', 'ro', 'ru', 'uk', 'zh', 'pl', 'nl', 'vi'];
