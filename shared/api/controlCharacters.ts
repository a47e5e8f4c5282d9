/**
 * Characters nobody types: C0 controls — a NUL (U+0000) pasted from another program is taken by
 * SQLite but PostgreSQL's jsonb cannot hold it, so an event carrying one could never reach the
 * room's log — and half of a surrogate pair (an emoji cut in two by a truncation), which jsonb
 * refuses too. Tab, line feed and carriage return are text (notes, certificates, pasted lines).
 * Matched on UTF-16 code units (no `u` flag) so that a lone surrogate is seen at all.
 */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const FORBIDDEN = /[\u0000-\u0008\u000B\u000C\u000E-\u001F]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const FORBIDDEN_ALL = new RegExp(FORBIDDEN.source, 'g');

export interface ControlCharacter {
  /** Dotted path of the string holding it ('' for the value itself). */
  path: string;
  /** Its code point, written U+XXXX. */
  codePoint: string;
}

/** Deeper than any request or event of the contract: what lies below is left to the schemas. */
const MAX_DEPTH = 32;

/** The first forbidden control character in any string of `value` (keys included), or null. */
export function findControlCharacter(value: unknown, path: readonly string[] = [], depth = 0): ControlCharacter | null {
  if (typeof value === 'string') {
    const m = FORBIDDEN.exec(value);
    return m ? { path: path.join('.'), codePoint: codePointOf(m[0]) } : null;
  }
  if (value === null || typeof value !== 'object' || depth >= MAX_DEPTH) return null;
  const entries: Array<[string, unknown]> = Array.isArray(value) ? value.map((v, i) => [String(i), v]) : Object.entries(value);
  for (const [key, v] of entries) {
    const inKey = FORBIDDEN.exec(key);
    if (inKey) return { path: [...path, withoutControls(key)].join('.'), codePoint: codePointOf(inKey[0]) };
    const found = findControlCharacter(v, [...path, key], depth + 1);
    if (found) return found;
  }
  return null;
}

const codePointOf = (c: string) => `U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;

/** The text with every forbidden character shown as U+FFFD: what may be written where the character itself cannot go. */
export function withoutControls(text: string): string {
  return text.replace(FORBIDDEN_ALL, '\uFFFD');
}

/**
 * `value` with every forbidden character of its strings (keys included) shown as U+FFFD: for what
 * arrives from outside and must not be lost for a character nobody reads (a partner's case).
 */
export function replaceControls(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return FORBIDDEN.test(value) ? withoutControls(value) : value;
  if (value === null || typeof value !== 'object' || depth >= MAX_DEPTH) return value;
  if (Array.isArray(value)) return value.map((v) => replaceControls(v, depth + 1));
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [withoutControls(k), replaceControls(v, depth + 1)]));
}

/** Words for logs and the site's refusals; the screens translate the code (errors.E_MALFORMED). */
export function controlCharacterProblem(found: ControlCharacter): string {
  return `${found.path || '(value)'}: invisible character ${found.codePoint} refused (a control character or half of a character pair; only tab and line breaks are allowed in text)`;
}
