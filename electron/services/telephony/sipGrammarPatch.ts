/**
 * sip.js 0.21 parses SIP with a peggy-generated parser built for size: its rule bytecode is a
 * table of 236 strings that `peg$parse` decodes (split + map) on EVERY call, before parsing a
 * single character. sip.js calls that parser once per start line and per header it reads (Via,
 * From, To, Contact, Record-Route, CSeq… and each URI), so one incoming INVITE costs about
 * 1.9 ms on this machine, most of it decoding the same table again (`peg$decode` is the top
 * self-time function in a CPU profile of the softphone benchmark).
 *
 * This rewrites the generated module so that the table is decoded once, when the module loads:
 * the same bytecode, the same interpreter, the same results (tests/unit/electron/sipGrammarPatch
 * compares both parsers on real messages). Applied by the main-process bundle (vite.main.config.ts)
 * and, under Node, by tests/support/sipGrammarHook.ts. Returns null when the source does not have
 * the expected shape (another sip.js version): the caller decides whether that is an error.
 */
export const SIP_GRAMMAR_MODULE = /[\\/]sip\.js[\\/]lib[\\/]grammar[\\/]pegjs[\\/]dist[\\/]grammar\.js$/;

const TABLE = /\n( {4})const peg\$bytecode = \[\n([\s\S]*?)\n\1\];\n/;
const DECODE = /\n {4}function peg\$decode\(s\) \{\n {8}return s\.split\(""\)\.map\(\(ch\) => ch\.charCodeAt\(0\) - 32\);\n {4}\}\n/;
const PARSE = '\nfunction peg$parse(input, options) {\n';

export function hoistPegBytecode(source: string): string | null {
  const table = TABLE.exec(source);
  if (!table || !DECODE.test(source) || source.split(PARSE).length !== 2) return null;
  const entries = table[2]!;
  // Only calls of peg$decode on string literals: nothing in the table may depend on the parse.
  if (!/^(\s*peg\$decode\("(?:[^"\\]|\\.)*"\),?)*\s*$/.test(entries)) return null;
  const hoisted =
    '\n// Decoded once at load (electron/services/telephony/sipGrammarPatch.ts), not on every parse.\n' +
    'function peg$decodeOnce(s) {\n    return s.split("").map((ch) => ch.charCodeAt(0) - 32);\n}\n' +
    `const peg$bytecodeOnce = Object.freeze([\n${entries.replaceAll('peg$decode(', 'peg$decodeOnce(')}\n]);\n`;
  // Replacer functions: the table holds `$'`, `$&`… that a replacement string would expand.
  return source.replace(TABLE, (_all, indent: string) => `\n${indent}const peg$bytecode = peg$bytecodeOnce;\n`).replace(PARSE, () => `${hoisted}${PARSE}`);
}
