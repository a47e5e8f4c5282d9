/**
 * A bound on what reaches JSON.parse. One pass over the bytes, with a counter instead of
 * recursion: the size is checked first, then the nesting depth (brackets outside strings), so a
 * 10,000-level payload is refused without the parser or any later walk over the value ever
 * holding it on the JS stack. The bytes are not validated as JSON here: JSON.parse does that.
 */
export interface JsonLimits {
  maxBytes: number;
  maxDepth: number;
}

export const INBOUND_LIMITS: JsonLimits = {
  // A case share with many notes stays far below; an RS-ERROR of the Hub echoes one of our messages.
  maxBytes: 2 * 1024 * 1024,
  // The official messages nest about 15 levels; the Hub's echo in an RS-ERROR adds a few.
  maxDepth: 64,
};

export type JsonGuardResult = { ok: true } | { ok: false; problem: string };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPEN_OBJECT = 0x7b;
const OPEN_ARRAY = 0x5b;
const CLOSE_OBJECT = 0x7d;
const CLOSE_ARRAY = 0x5d;

export function checkJsonBounds(bytes: Uint8Array, limits: JsonLimits = INBOUND_LIMITS): JsonGuardResult {
  if (bytes.length > limits.maxBytes) return { ok: false, problem: `message of ${bytes.length} bytes, more than the ${limits.maxBytes} accepted` };
  let depth = 0;
  let inString = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (inString) {
      if (b === BACKSLASH) i++;
      else if (b === QUOTE) inString = false;
    } else if (b === QUOTE) inString = true;
    else if (b === OPEN_OBJECT || b === OPEN_ARRAY) {
      if (++depth > limits.maxDepth) return { ok: false, problem: `nested more than ${limits.maxDepth} levels deep (at byte ${i})` };
    } else if (b === CLOSE_OBJECT || b === CLOSE_ARRAY) depth--;
  }
  return { ok: true };
}
