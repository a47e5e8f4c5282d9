import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hoistPegBytecode } from '../../../../../electron/services/telephony/sipGrammarPatch';
import { makeTempDir } from '../../../../support/tempDir';

type Parse = (input: string, options: { startRule: string; data?: unknown }) => unknown;

/**
 * The installed sip.js grammar and its rewrite (decoded once) side by side: same results and
 * same errors on what the softphone parses, and the rewrite no longer decodes the table per call.
 */
describe('sip.js grammar decoded once', () => {
  const grammarFile = join(dirname(createRequire(import.meta.url).resolve('sip.js')), 'grammar', 'pegjs', 'dist', 'grammar.js');
  const source = readFileSync(grammarFile, 'utf8');
  let dir: ReturnType<typeof makeTempDir>;
  let original: Parse;
  let patched: Parse;

  // Both copies import sip.js' own NameAddrHeader and URI, by absolute URL.
  const standalone = (code: string) => code.replace(/from "(\.\.\/\.\.\/[^"]+)"/g, (_m, rel: string) => `from "${pathToFileURL(join(dirname(grammarFile), rel)).href}"`);

  beforeAll(async () => {
    dir = makeTempDir();
    const rewritten = hoistPegBytecode(source);
    expect(rewritten, 'the installed sip.js grammar has the shape sipGrammarPatch.ts expects').not.toBeNull();
    writeFileSync(join(dir.path, 'original.mjs'), standalone(source));
    writeFileSync(join(dir.path, 'patched.mjs'), standalone(rewritten!));
    original = ((await import(pathToFileURL(join(dir.path, 'original.mjs')).href)) as { parse: Parse }).parse;
    patched = ((await import(pathToFileURL(join(dir.path, 'patched.mjs')).href)) as { parse: Parse }).parse;
  });
  afterAll(() => dir.cleanup());

  const cases: Array<[string, string]> = [
    ['Request_Response', 'INVITE sip:arm1@127.0.0.1;alias=127.0.0.1~41234~6 SIP/2.0'],
    ['Request_Response', 'SIP/2.0 200 OK'],
    ['Request_Response', 'SIP/2.0 486 Busy Here'],
    ['Via', 'SIP/2.0/WS 127.0.0.1:35013;branch=z9hG4bK1b2c.0;rport=5061;received=127.0.0.1'],
    ['Contact', '<sip:sipp@127.0.0.1:5061;transport=udp>;expires=60, "ARM 1" <sip:arm1@abcd.invalid;transport=ws>;+sip.ice'],
    ['Name_Addr_Header', '"Caller 12" <sip:0612345678@127.0.0.1:5061>;tag=4321SIPpTag0012'],
    ['Name_Addr_Header', '<sip:arm1@127.0.0.1:38141>'],
    ['Record_Route', '<sip:127.0.0.1:35013;transport=ws;r2=on;lr=on>'],
    ['SIP_URI', 'sip:0478000000@127.0.0.1;user=phone'],
    ['SIP_URI', 'sips:dr.a@samu69.example:5061;transport=tls?Subject=x'],
    ['Subscription_State', 'active;expires=60'],
    ['Supported', 'outbound, replaces, timer'],
    ['Require', 'replaces'],
    ['Refer_To', '<sip:3100@127.0.0.1?Replaces=abc%40127.0.0.1%3Bto-tag%3D1%3Bfrom-tag%3D2>'],
    ['CSeq', '2 BYE'],
    // Errors: the same SyntaxError, at the same place.
    ['SIP_URI', 'sip:@@not a uri'],
    ['Via', 'garbage'],
    ['Request_Response', 'NOT SIP'],
  ];

  // As sip.js' Grammar.parse calls it: the rules' actions leave their result in options.data.
  const outcome = (parse: Parse, rule: string, input: string) => {
    const options: { startRule: string; data?: unknown } = { startRule: rule };
    try {
      parse(input, options);
      return { value: JSON.parse(JSON.stringify(options.data ?? null)) as unknown };
    } catch (error) {
      return { error: `${(error as Error).name}: ${(error as Error).message}` };
    }
  };

  it.each(cases)('%s %s: the same result', (rule, input) => {
    expect(outcome(patched, rule, input)).toEqual(outcome(original, rule, input));
  });

  it('the corpus means something: all but the last three parse, those three are refused', () => {
    const parsed = cases.map(([rule, input]) => 'value' in outcome(original, rule, input));
    expect(parsed).toEqual([...cases.slice(0, -3).map(() => true), false, false, false]);
  });

  it('the original decodes its 236-entry table on every call; the rewrite never does', () => {
    const split = String.prototype.split;
    let calls = 0;
    String.prototype.split = function (this: string, ...args: Parameters<typeof split>) {
      calls++;
      return split.apply(this, args);
    } as typeof split;
    const count = (parse: Parse) => {
      calls = 0;
      for (let i = 0; i < 10; i++) parse('sip:arm1@127.0.0.1', { startRule: 'SIP_URI' });
      return calls;
    };
    try {
      expect(count(original)).toBeGreaterThanOrEqual(10 * 200);
      expect(count(patched)).toBeLessThan(10);
    } finally {
      String.prototype.split = split;
    }
  });

  it('a source of another shape is left alone (null), not half rewritten', () => {
    expect(hoistPegBytecode(source.replace('function peg$decode(s) {', 'function peg$decode(s, offset = 32) {'))).toBeNull();
    expect(hoistPegBytecode('export const parse = () => 1;')).toBeNull();
  });
});
