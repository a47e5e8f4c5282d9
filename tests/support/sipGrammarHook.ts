import { registerHooks } from 'node:module';
import { hoistPegBytecode, SIP_GRAMMAR_MODULE } from '../../electron/services/telephony/sipGrammarPatch';

/**
 * `--import ./tests/support/sipGrammarHook.ts` (after tsx): sip.js' grammar decoded once, as in
 * the main-process bundle (electron/services/telephony/sipGrammarPatch.ts), so that Node runs of
 * the softphone (the benchmark) measure the code the app ships. In-thread module hooks: the
 * module must be rewritten before anything imports sip.js.
 */
registerHooks({
  load(url, context, nextLoad) {
    const loaded = nextLoad(url, context);
    if (!SIP_GRAMMAR_MODULE.test(url) || loaded.source === undefined || loaded.source === null) return loaded;
    const patched = hoistPegBytecode(String(loaded.source));
    if (patched === null) throw new Error(`sip.js grammar at ${url} is not the shape sipGrammarPatch.ts expects (another sip.js version?)`);
    return { ...loaded, source: patched, shortCircuit: true };
  },
});
