import { spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import amqp from 'amqplib';
import { createServices } from '../../electron/services/composition';
import { hubSectionFor } from '../support/hub/hubWorld';
import { hubInboundBench } from './hubInboundBench';
import { signIn } from '../support/operators';
import { brokerBinaryProblem, startRabbitBroker } from '../support/hub/rabbitBroker';
import { makeTempDir } from '../support/tempDir';
import { testConfig } from '../support/testConfig';
import { line } from './stats';
import { openJournalFile } from '../support/journalFile';

const MESSAGES = Number(process.env.BENCH_HUB_MESSAGES ?? 50_000);
const PER_DOSSIER = 5;
/** The stand-in dispatcher checks one message in this many against the official schemas. */
const VALIDATE_EVERY = Number(process.env.BENCH_HUB_VALIDATE_EVERY ?? 20);
const SAMU690 = 'fr.health.samu690';
const SAMU440 = 'fr.health.samu440';

async function until(check: () => boolean, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`hub bench: timed out waiting for ${what}`);
    // Every poll runs count queries over the whole outbox on Plateau's own thread: at 20 ms they
    // took a fifth of the catch-up's main-thread time (profile), measuring the bench, not Plateau.
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Catch-up after an outage (QUALITY.md): 50,000 messages queued in the outbox while the Hub was
 * unreachable are drained into a RabbitMQ on loopback once it is back (target ≤ 30 s), and a new
 * live-dossier message written during the drain reaches the partner ahead of the backlog (target
 * ≤ 5 s). Baseline: the same number of persistent, confirmed publishes of the same size with raw
 * amqplib on the same broker in the same run.
 */
export async function hubBench(): Promise<string[]> {
  const inbound = process.env.BENCH_HUB_SKIP_INBOUND ? [] : await hubInboundBench();
  return [...inbound, ...(await catchUpBench())];
}

async function catchUpBench(): Promise<string[]> {
  const problem = brokerBinaryProblem();
  if (problem) return [`hub.skipped 0 - (${problem})`];
  const dir = makeTempDir('plateau-hubbench-');
  const broker = await startRabbitBroker(join(dir.path, 'broker'), [SAMU690, SAMU440]);
  let standIn: ReturnType<typeof spawn> | null = null;
  let partner = { ready: false, applied: 0, duplicates: 0, refused: 0 };
  try {
    const config = testConfig(join(dir.path, 'ws'), { hub: hubSectionFor(broker, SAMU690, [{ clientId: SAMU440, filieres: ['SNP'] }], { prefetch: 200, resendAfterSeconds: 600 }) });
    // The outage: the workstation keeps working, its outbox fills.
    const services = createServices(config, { hub: { sweepMs: 1000, ...(process.env.BENCH_HUB_WINDOW ? { window: Number(process.env.BENCH_HUB_WINDOW) } : {}) } });
    await signIn(services);
    const dossiers = MESSAGES / PER_DOSSIER;
    const fillStart = Date.now();
    for (let i = 0; i < dossiers; i++) {
      const created = services.dossiers.create({ kind: 'DRM', origin: '15', callerPhone: '0612345678', motive: `backlog ${i}`, priority: 'P2' });
      if (!created.ok) throw new Error(created.error.message);
      const id = created.value.id;
      // Shared by a person (issue 13 §6), then changed: the share and each change are messages.
      const shared = services.shares.share({ dossierId: id, partner: SAMU440 });
      if (!shared.ok) throw new Error(shared.error.message);
      services.dossiers.updateQualification({ dossierId: id, filiere: 'SNP', motif: 'M03.14' });
      for (let n = 0; n < PER_DOSSIER - 2; n++) services.dossiers.updateCaller({ dossierId: id, name: `appelant ${n} pendant la panne` });
    }
    const fillMs = Date.now() - fillStart;
    // Every one of them (the status count stops at its cap).
    const pending = services.journal.pendingOutbox(Number.MAX_SAFE_INTEGER);

    // Baseline: raw confirmed publishes of a typical message to a throw-away queue.
    const sample = Buffer.from(JSON.stringify({ pad: 'x'.repeat(1500) }));
    const rawConnection = await amqp.connect(broker.amqpUrl);
    const rawChannel = await rawConnection.createConfirmChannel();
    await rawChannel.assertQueue('bench.raw', { durable: true });
    const rawStart = Date.now();
    for (let i = 0; i < MESSAGES; i += 500) {
      const batch: Array<Promise<void>> = [];
      for (let j = 0; j < 500 && i + j < MESSAGES; j++) batch.push(new Promise((resolve, reject) => rawChannel.sendToQueue('bench.raw', sample, { persistent: true }, (e) => (e ? reject(e) : resolve()))));
      await Promise.all(batch);
    }
    const rawMs = Date.now() - rawStart;
    await rawChannel.deleteQueue('bench.raw');
    await rawConnection.close();

    // The Hub comes back: its dispatcher and the partner run in a process of their own.
    const script = fileURLToPath(new URL('../support/hub/standInProcess.ts', import.meta.url));
    const { amqpUrl, amqpsUrl, certificates, clientIds } = broker;
    standIn = spawn(process.execPath, ['--import', 'tsx', script, JSON.stringify({ amqpUrl, amqpsUrl, certificates, clientIds }), SAMU440, String(VALIDATE_EVERY)], { stdio: ['ignore', 'pipe', 'inherit'] });
    standIn.stdout!.on('data', (chunk: Buffer) => {
      const last = chunk.toString().trim().split('\n').at(-1);
      if (last) partner = JSON.parse(last) as typeof partner;
    });
    await until(() => partner.ready, 30_000, 'the Hub stand-in');
    // The bench watches the outbox over its own read-only connection (the journal keeps its own).
    const reader = openJournalFile(services.journal);
    const sentCount = reader.prepare<[], number>("SELECT count(*) FROM outbox WHERE state IN ('SENT', 'ACKED')").pluck();
    const ackedCount = reader.prepare<[], number>("SELECT count(*) FROM outbox WHERE state = 'ACKED'").pluck();
    const start = Date.now();
    const cpuStart = process.cpuUsage();
    const progress = setInterval(() => {
      if (process.env.BENCH_VERBOSE) console.error(`  … ${((Date.now() - start) / 1000).toFixed(0)} s: ${sentCount.get()} sent, ${ackedCount.get()} acknowledged, ${partner.applied} at the partner`);
    }, 5000);
    await services.startHub();
    // A live dossier, once the drain is well under way.
    await until(() => sentCount.get()! >= Math.min(5000, MESSAGES / 10), 60_000, 'drain started');
    const liveAt = Date.now();
    const drainedWhenLive = sentCount.get()!;
    const live = services.dossiers.create({ kind: 'DRM', origin: '15', callerPhone: '0698765432', motive: 'live during the catch-up', priority: 'P1' });
    if (!live.ok) throw new Error(live.error.message);
    services.shares.share({ dossierId: live.value.id, partner: SAMU440 });
    services.dossiers.updateQualification({ dossierId: live.value.id, filiere: 'SNP' });
    // Delivered = the partner's RC-REF is back for both of its messages (stricter than arrival).
    const liveAcked = reader.prepare<[string], number>("SELECT count(*) FROM outbox WHERE dossier_id = ? AND state = 'ACKED'").pluck();
    await until(() => liveAcked.get(live.value.id) === 2, 60_000, 'live dossier acknowledged');
    const liveMs = Date.now() - liveAt;
    await until(() => sentCount.get()! >= pending + 2, 120_000, 'backlog confirmed by the broker');
    const drainedMs = Date.now() - start;
    await until(() => ackedCount.get()! >= pending + 2, 180_000, 'every receipt');
    const ackedMs = Date.now() - start;
    const cpu = process.cpuUsage(cpuStart);
    const cpuSeconds = (cpu.user + cpu.system) / 1e6;
    clearInterval(progress);
    reader.close();
    await services.close();
    const stopped = new Promise((resolve) => standIn!.once('exit', resolve));
    standIn.kill('SIGTERM');
    await stopped;
    const met = (ok: boolean) => (ok ? 'met' : 'MISSED');
    return [
      line('hub.outbox_fill', fillMs / 1000, `s for ${pending} messages (not a target)`),
      line('hub.raw_confirmed_publish', rawMs / 1000, `s for ${MESSAGES} messages`),
      line('hub.catchup.drained_to_broker', drainedMs / 1000, 's', rawMs / 1000) + ` — target ≤ 30 s ${met(drainedMs <= 30_000)}`,
      line('hub.catchup.acknowledged_by_partner', ackedMs / 1000, 's', rawMs / 1000),
      line('hub.catchup.plateau_cpu', cpuSeconds, `s of CPU in Plateau's process for the whole catch-up (${((cpuSeconds * 1e6) / (pending + 2)).toFixed(0)} µs per message, receipts included)`),
      line('hub.catchup.live_message_delay', liveMs / 1000, `s to the partner's receipt (written after ${drainedWhenLive} of ${pending} had left)`) + ` — target ≤ 5 s ${met(liveMs <= 5000)}`,
      `hub.stand_in dispatcher validated 1 message in ${VALIDATE_EVERY} against the official schemas (BENCH_HUB_VALIDATE_EVERY); load average ${loadavg()[0]!.toFixed(1)} on ${cpus().length} cores`,
      line('hub.catchup.partner_applied', partner.applied, `distinct messages of ${pending + 2} (${partner.duplicates} duplicates, ${partner.refused} refused by the Hub)`),
    ];
  } finally {
    if (standIn && standIn.exitCode === null && standIn.pid) process.kill(standIn.pid, 'SIGKILL');
    await broker.stop().catch(() => undefined);
    dir.cleanup();
  }
}
