/**
 * Text received from outside, made safe to show: control characters become their visible
 * symbols (NUL → ␀, ESC → ␛), and the characters that reorder or hide text (bidi overrides and
 * isolates, zero-width characters, line separators, lone surrogates) become `⟨U+202E⟩`, so that
 * what a supervisor reads is what was received. Line feeds and tabs stay: they only lay it out.
 */
const HIDDEN_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x0000, 0x0008],
  [0x000b, 0x001f],
  [0x007f, 0x009f],
  [0x00ad, 0x00ad],
  [0x061c, 0x061c],
  [0x115f, 0x1160],
  [0x180e, 0x180e],
  [0x200b, 0x200f],
  [0x2028, 0x202e],
  [0x2060, 0x206f],
  [0x3164, 0x3164],
  [0xd800, 0xdfff],
  [0xfe00, 0xfe0f],
  [0xfeff, 0xfeff],
  [0xfff9, 0xfffb],
];

function hidden(code: number): boolean {
  return HIDDEN_RANGES.some(([from, to]) => code >= from && code <= to);
}

function shown(code: number): string {
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  return `⟨U+${code.toString(16).toUpperCase().padStart(4, '0')}⟩`;
}

export function visibleText(text: string): string {
  let out = '';
  // for…of walks code points: a well-formed surrogate pair (an emoji) is one character of two
  // units, a lone surrogate is one unit of its own.
  for (const ch of text) out += ch.length === 1 && hidden(ch.charCodeAt(0)) ? shown(ch.charCodeAt(0)) : ch;
  return out;
}
