import { journalShare } from '../support/journalShare';
import { performance } from 'node:perf_hooks';
import { createServices, type Services } from '../../electron/services/composition';
import { HubInbox } from '../../electron/services/hub/inbox';
import { OutboxDrain } from '../../electron/services/hub/outboxDrain';
import { createSchemaValidator } from '../../electron/services/hub/schemaValidator';
import { PAYLOAD_KEY } from '../../electron/services/hub/messageKinds';
import { bytes, envelope, PARTNER, partnerCase, US } from '../support/hub/adversarialCorpus';
import { signIn, TEST_SCRYPT } from '../support/operators';
import { makeTempDir } from '../support/tempDir';
import { testConfig } from '../support/testConfig';
import { line } from './stats';
import { journalFile } from '../support/journalFile';

const CASES = Number(process.env.BENCH_HUB_INBOUND_CASES ?? 2000);
const RECEIPTS = Number(process.env.BENCH_HUB_INBOUND_RECEIPTS ?? 3000);
const BATCH = 100;

interface Side {
  dir: ReturnType<typeof makeTempDir>;
  services: Services;
  drain: OutboxDrain;
  inbox: HubInbox;
  ms: { cases: number; receipts: number };
}

async function side(validate: boolean): Promise<Side> {
  const dir = makeTempDir('plateau-hubinbound-');
  const services = createServices(testConfig(dir.path, { autoLockMinutes: 240 }), { scryptParams: TEST_SCRYPT });
  await signIn(services);
  const drain = new OutboxDrain({ outbox: services.journal.outbox, dossiers: services.journal.dossiers, clientId: US, timeZone: 'Europe/Paris', partners: [{ clientId: PARTNER, filieres: ['SNP'] }], publish: async () => undefined, isConnected: () => true, window: RECEIPTS + 1 });
  const inbox = new HubInbox({ journal: services.journal, clientId: US, siteCode: '690', timeZone: 'Europe/Paris', acceptCasesFrom: new Set([PARTNER]), sasPlatformId: 'fr.health.ptfsas', drain, send: async () => undefined, validator: validate ? createSchemaValidator() : null });
  inbox.warmUp();
  return { dir, services, drain, inbox, ms: { cases: 0, receipts: 0 } };
}

/** Our own messages, sent (the drain publishes them to nowhere): their receipts are what a catch-up brings back. */
async function sentIds(s: Side): Promise<string[]> {
  for (let i = 0; i < RECEIPTS; i++) {
    const created = s.services.dossiers.create({ kind: 'DRM', origin: '15', callerPhone: '0612345678', motive: `sent ${i}`, priority: 'P2' });
    if (!created.ok) throw new Error(created.error.message);
    s.services.dossiers.updateQualification({ dossierId: created.value.id, filiere: 'SNP' });
    journalShare(s.services, created.value.id, PARTNER);
  }
  s.drain.connected();
  await s.drain.idle();
  return journalFile(s.services.journal).prepare<[], string>("SELECT distribution_id FROM outbox WHERE state = 'SENT' ORDER BY event_seq").pluck().all().slice(0, RECEIPTS);
}

async function timed(s: Side, what: 'cases' | 'receipts', queue: 'message' | 'ack', bodies: Buffer[]): Promise<void> {
  const start = performance.now();
  const kept = await s.inbox.receiveMany(bodies.map((body) => ({ queue, body })));
  for (const k of kept) if (k.after) await k.after();
  s.ms[what] += performance.now() - start;
}

/**
 * Inbound validation cost (issue 18): messages per second through the real inbox on a real
 * journal — partner cases (each a new dossier) and receipts for our own sent messages (what a
 * catch-up brings back) — with the official schemas checked, against the same inbox without them
 * (target ≥ 50 %). Both run side by side in this process, batch for batch in alternating order
 * (100 deliveries, as the transport hands them over), so a change in the machine's load weighs
 * on both alike. Answers are built and handed to a publisher that drops them.
 */
export async function hubInboundBench(): Promise<string[]> {
  // Start cost: building the validator and compiling the five payload kinds Plateau reads.
  const t0 = performance.now();
  const validator = createSchemaValidator();
  const created = performance.now();
  validator.warmUp(Object.values(PAYLOAD_KEY));
  const compiled = performance.now();

  const on = await side(true);
  const off = await side(false);
  try {
    const now = Date.now();
    const cases = Array.from({ length: CASES }, (_, i) => bytes(envelope('RS-EDA', partnerCase(PARTNER, String(i).padStart(9, '0')), { sentAtMs: now })));
    const receiptsOf = (ids: string[]) => ids.map((id) => bytes(envelope('RC-REF', { distributionID: id, step: 'INTEGRE' }, { sentAtMs: now })));
    const receipts = { on: receiptsOf(await sentIds(on)), off: receiptsOf(await sentIds(off)) };
    for (let i = 0, n = 0; i < CASES; i += BATCH, n++) {
      const batch = cases.slice(i, i + BATCH);
      for (const s of n % 2 ? [off, on] : [on, off]) await timed(s, 'cases', 'message', batch);
    }
    for (let i = 0, n = 0; i < RECEIPTS; i += BATCH, n++) {
      for (const [s, all] of n % 2 ? ([[off, receipts.off], [on, receipts.on]] as const) : ([[on, receipts.on], [off, receipts.off]] as const)) await timed(s, 'receipts', 'ack', all.slice(i, i + BATCH));
    }
    for (const s of [on, off]) {
      const acked = journalFile(s.services.journal).prepare<[], number>("SELECT count(*) FROM outbox WHERE state = 'ACKED'").pluck().get()!;
      if (acked !== RECEIPTS) throw new Error(`hub inbound bench: ${acked} of ${RECEIPTS} receipts applied`);
    }
  } finally {
    for (const s of [on, off]) {
      s.drain.stop();
      await s.drain.idle();
      s.services.close();
      s.dir.cleanup();
    }
  }
  const rate = (s: Side, what: 'cases' | 'receipts') => (what === 'cases' ? CASES : RECEIPTS) / (s.ms[what] / 1000);
  const pct = (what: 'cases' | 'receipts') => `${((100 * rate(on, what)) / rate(off, what)).toFixed(0)} % of the inbox without validation — target ≥ 50 % ${rate(on, what) >= rate(off, what) / 2 ? 'met' : 'MISSED'}`;
  return [
    line('hub.inbound.schema_compile', compiled - created, `ms to compile the five payload kinds (validator built in ${(created - t0).toFixed(1)} ms; done once, after the link is up, off the start path)`),
    `${line('hub.inbound.cases_validated', rate(on, 'cases'), 'RS-EDA/s', rate(off, 'cases'))} — ${pct('cases')}`,
    `${line('hub.inbound.receipts_validated', rate(on, 'receipts'), 'RC-REF/s', rate(off, 'receipts'))} — ${pct('receipts')}`,
  ];
}
