import { performance } from 'node:perf_hooks';
import { createServices } from '../../electron/services/composition';
import { HubInbox } from '../../electron/services/hub/inbox';
import { OutboxDrain } from '../../electron/services/hub/outboxDrain';
import { createSchemaValidator } from '../../electron/services/hub/schemaValidator';
import { PAYLOAD_KEY } from '../../electron/services/hub/messageKinds';
import { bytes, envelope, PARTNER, partnerCase, US } from '../support/hub/adversarialCorpus';
import { signIn, TEST_SCRYPT } from '../support/operators';
import { makeTempDir } from '../support/tempDir';
import { testConfig } from '../support/testConfig';
import { line } from './stats';

const CASES = Number(process.env.BENCH_HUB_INBOUND_CASES ?? 2000);
const RECEIPTS = Number(process.env.BENCH_HUB_INBOUND_RECEIPTS ?? 5000);
const BATCH = 100;

interface Run {
  casesPerSecond: number;
  receiptsPerSecond: number;
}

/**
 * Inbound validation cost (issue 18): messages per second through the real inbox on a real
 * journal — partner cases (each a new dossier) and receipts for our own sent messages (what a
 * catch-up brings back) — with the official schemas checked, against the same run without them
 * (target ≥ 50 %). Delivered in batches as the transport hands them over; answers built and handed
 * to a publisher that drops them.
 */
async function oneRun(validate: boolean): Promise<Run> {
  const dir = makeTempDir('plateau-hubinbound-');
  const now = Date.now();
  const services = createServices(testConfig(dir.path, { autoLockMinutes: 240 }), { scryptParams: TEST_SCRYPT });
  try {
    await signIn(services);
    const drain = new OutboxDrain({ db: services.journal.db, dossiers: services.journal.dossiers, clientId: US, timeZone: 'Europe/Paris', partners: [{ clientId: PARTNER, filieres: ['SNP'] }], publish: async () => undefined, isConnected: () => true });
    const inbox = new HubInbox({ journal: services.journal, clientId: US, siteCode: '690', timeZone: 'Europe/Paris', acceptCasesFrom: new Set([PARTNER]), sasPlatformId: 'fr.health.ptfsas', drain, send: async () => undefined, validator: validate ? createSchemaValidator() : null });
    inbox.warmUp();
    const deliver = async (bodies: Buffer[], queue: 'message' | 'ack') => {
      const start = performance.now();
      for (let i = 0; i < bodies.length; i += BATCH) {
        const kept = await inbox.receiveMany(bodies.slice(i, i + BATCH).map((body) => ({ queue, body })));
        for (const k of kept) if (k.after) await k.after();
      }
      return bodies.length / ((performance.now() - start) / 1000);
    };
    const cases = Array.from({ length: CASES }, (_, i) => bytes(envelope('RS-EDA', partnerCase(PARTNER, String(i).padStart(9, '0')), { sentAtMs: now })));
    const casesPerSecond = await deliver(cases, 'message');
    // Our own messages, sent (the drain publishes them to nowhere), then their partner's receipts.
    for (let i = 0; i < RECEIPTS; i++) {
      const created = services.dossiers.create({ kind: 'DRM', origin: '15', callerPhone: '0612345678', motive: `sent ${i}`, priority: 'P2' });
      if (!created.ok) throw new Error(created.error.message);
      services.dossiers.updateQualification({ dossierId: created.value.id, filiere: 'SNP' });
    }
    drain.connected();
    await drain.idle();
    const sent = services.journal.db.prepare<[], string>("SELECT distribution_id FROM outbox WHERE state = 'SENT' ORDER BY event_seq").pluck().all().slice(0, RECEIPTS);
    const receipts = sent.map((id) => bytes(envelope('RC-REF', { distributionID: id, step: 'INTEGRE' }, { sentAtMs: now })));
    const receiptsPerSecond = await deliver(receipts, 'ack');
    const acked = services.journal.db.prepare<[], number>("SELECT count(*) FROM outbox WHERE state = 'ACKED'").pluck().get()!;
    if (acked !== receipts.length) throw new Error(`hub inbound bench: ${acked} of ${receipts.length} receipts applied`);
    drain.stop();
    return { casesPerSecond, receiptsPerSecond };
  } finally {
    services.close();
    dir.cleanup();
  }
}

export async function hubInboundBench(): Promise<string[]> {
  // Start cost: building the validator and compiling the five payload kinds Plateau reads.
  const t0 = performance.now();
  const validator = createSchemaValidator();
  const created = performance.now();
  validator.warmUp(Object.values(PAYLOAD_KEY));
  const compiled = performance.now();
  // Alternated, so that a change of machine load does not favour one side.
  const on: Run[] = [];
  const off: Run[] = [];
  for (let round = 0; round < 2; round++) {
    off.push(await oneRun(false));
    on.push(await oneRun(true));
  }
  const best = (runs: Run[], key: keyof Run) => Math.max(...runs.map((r) => r[key]));
  const pct = (a: number, b: number) => `${((100 * a) / b).toFixed(0)} % of the run without validation — target ≥ 50 % ${a >= b / 2 ? 'met' : 'MISSED'}`;
  return [
    line('hub.inbound.schema_compile', compiled - created, `ms to compile the five payload kinds (validator built in ${(created - t0).toFixed(1)} ms; done once, after the link is up, off the start path)`),
    `${line('hub.inbound.cases_validated', best(on, 'casesPerSecond'), 'RS-EDA/s', best(off, 'casesPerSecond'))} — ${pct(best(on, 'casesPerSecond'), best(off, 'casesPerSecond'))}`,
    `${line('hub.inbound.receipts_validated', best(on, 'receiptsPerSecond'), 'RC-REF/s', best(off, 'receiptsPerSecond'))} — ${pct(best(on, 'receiptsPerSecond'), best(off, 'receiptsPerSecond'))}`,
  ];
}
