/**
 * Text received from outside, made safe to show: control characters become their visible
 * symbols (NUL → ␀, ESC → ␛), and the characters that reorder or hide text (bidi overrides and
 * isolates, zero-width characters, line separators, lone surrogates) become `⟨U+202E⟩`, so that
 * what a supervisor reads is what was received. Line feeds and tabs stay: they only lay it out.
 */
const HIDDEN = /^[\u000B-\u001F\u0000-\u0008\u007F-\u009F\u00AD\u061C\u115F\u1160\u180E\u200B-\u200F\u2028-\u202E\u2060-\u206F\u3164\uFE00-\uFE0F\uFEFF\uFFF9-\uFFFB\uD800-\uDFFF]$/;

function shown(ch: string): string {
  const code = ch.charCodeAt(0);
  if (code < 0x20) return String.fromCharCode(0x2400 + code);
  if (code === 0x7f) return '\u2421';
  return `⟨U+${code.toString(16).toUpperCase().padStart(4, '0')}⟩`;
}

export function visibleText(text: string): string {
  let out = '';
  // for…of walks code points: a well-formed surrogate pair (an emoji) is one character, a lone
  // surrogate is one unit of its own.
  for (const ch of text) out += ch.length === 1 && HIDDEN.test(ch) ? shown(ch) : ch;
  return out;
}
