import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { v7 as uuidv7 } from 'uuid';
import { SiteStore } from '../../electron/services/site/store/siteStore';
import { freshDatabase, postgresProblem, startPostgres } from '../support/postgres';
import { openDesk, startTestSite, until } from '../support/room';
import { DeskEvents, operator } from '../support/siteEvents';
import { makeTempDir } from '../support/tempDir';
import { writeRoomLog } from './roomFixture';
import { percentile } from './stats';

const r = (x: number) => Math.round(x * 100) / 100;
/** Every line with a target ends with its verdict. */
const verdict = (met: boolean) => (met ? 'met' : 'MISSED');
const pcts = (ms: number[]) => {
  const s = [...ms].sort((a, b) => a - b);
  return `p50 ${r(percentile(s, 50))} ms, p99 ${r(percentile(s, 99))} ms`;
};

/**
 * The room (issue 12) on a real PostgreSQL 15 started here: save at desk A → in desk B's journal
 * (against a raw LISTEN/NOTIFY round trip of the same run), site append throughput with 60
 * simulated desks pushing batches (against a raw single-row INSERT+COMMIT), and a catch-up of
 * 50,000 events applied to a desk's projections (BENCH_ROOM_CATCHUP to change it), and a new desk
 * joining a room of 1,000,000 events (BENCH_ROOM_JOIN to change it): the time until it is usable
 * (accounts and open dossiers in) and until it holds the whole log, with the CPU this process spent
 * (the desk and the site both run in it; PostgreSQL is its own process).
 */
export async function roomBench(): Promise<string[]> {
  // BENCH_ROOM_PARTS=catchup,join runs only those (a loaded machine: the parts one at a time).
  const parts = new Set((process.env.BENCH_ROOM_PARTS ?? 'notify,save,push,catchup,join').split(','));
  const problem = postgresProblem();
  if (problem) return [`skipped: ${problem}`];
  const lines: string[] = [];
  const dir = makeTempDir('plateau-room-bench-');
  const server = await startPostgres();
  try {
    const settings = await freshDatabase(server, 'room_bench');
    let t0 = performance.now();
    let baselinePerS = 0;
    if (parts.has('notify')) {
    // Baseline 1: raw NOTIFY round trip.
    const listener = new pg.Client(settings);
    const sender = new pg.Client(settings);
    await listener.connect();
    await sender.connect();
    await listener.query('LISTEN bench');
    const notifyMs: number[] = [];
    for (let i = 0; i < 500; i++) {
      const got = new Promise<void>((resolve) => listener.once('notification', () => resolve()));
      const t0 = performance.now();
      await sender.query("SELECT pg_notify('bench', 'x')");
      await got;
      notifyMs.push(performance.now() - t0);
    }
    lines.push(`raw LISTEN/NOTIFY round trip: ${pcts(notifyMs)}`);
    // Baseline 2: raw single-row INSERT+COMMIT.
    await sender.query('CREATE TABLE plain (ev jsonb)');
    const n0 = 2000;
    const ev = JSON.stringify(new DeskEvents('x').event('dossier.noteAdded', { noteId: randomUUID(), text: 'x'.repeat(120) }, { id: 'a', role: 'ARM' }));
    t0 = performance.now();
    for (let i = 0; i < n0; i++) await sender.query('INSERT INTO plain VALUES ($1)', [ev]);
    baselinePerS = n0 / ((performance.now() - t0) / 1000);
    lines.push(`raw single-row INSERT+COMMIT: ${Math.round(baselinePerS)}/s`);
    await listener.end();
    await sender.end();
    }

    if (parts.has('save')) {
    // Save at desk A → shown at desk B.
    const site = await startTestSite(settings);
    const a = openDesk(dir.path, 'arm-01', 1, site.port);
    const b = openDesk(dir.path, 'mru-01', 2, site.port);
    await a.signIn('ARM', 'arm.bench');
    await b.signIn('MRU', 'mru.bench');
    await until(() => [a, b].every((d) => d.services.site!.status().state === 'online'), 'desks online');
    const saveMs: number[] = [];
    for (let i = 0; i < 200; i++) {
      const start = performance.now();
      const d = await a.call<{ id: string }>('dossier:create', { callerPhone: '06 12 34 56 78', motive: `bench ${i}`, priority: 'P1' });
      await new Promise<void>((resolve) => {
        if (b.services.journal.dossiers.get(d.id)) return resolve();
        const off = b.services.events.subscribe((channel, payload) => {
          if (channel === 'dossier:changed' && (payload as { dossierId: string }).dossierId === d.id) {
            off();
            resolve();
          }
        });
      });
      saveMs.push(performance.now() - start);
    }
    const saveP99 = percentile([...saveMs].sort((x, y) => x - y), 99);
    lines.push(`save at desk A → in desk B's queue (200 P1 dossiers, loopback): ${pcts(saveMs)} (target p99 ≤ 50 ms: ${verdict(saveP99 <= 50)})`);
    await a.services.close();
    await b.services.close();
    await site.close();
    }

    // 60 simulated desks pushing batches of 100 concurrently.
    const store = await SiteStore.open(settings, '690', 8);
    // Each dossier its own number, as in a room: a desk refuses a second dossier with a number it
    // holds (UNIQUE local_number), which would leave the catch-up's dossiers out of its projections.
    // And its id a UUIDv7, as dossierService makes them: time-ordered keys append to the desk's
    // indexes, where random ones rewrote every index page at each page of a catch-up (3.6 × the bytes).
    let numbers = 0;
    const created = (d: { ev: DeskEvents; op: { id: string; role: string } }) => d.ev.dossierCreated(d.op, uuidv7(), 'P1', String(++numbers).padStart(7, '0'));
    const desks = Array.from({ length: 60 }, (_, i) => ({ ev: new DeskEvents(`sim-${i}`), op: operator(`sim.${i}`, 'ARM') }));
    const admin = new DeskEvents('admin-01');
    await store.append('admin-01', randomUUID(), desks.map((d) => admin.operatorCreated(d.op)));
    for (const d of desks) await store.append(d.ev.workstation, randomUUID(), [d.ev.login(d.op)]);
    if (parts.has('push')) {
    const perDesk = 10;
    t0 = performance.now();
    await Promise.all(desks.map(async (d) => {
      for (let k = 0; k < perDesk; k++) await store.append(d.ev.workstation, randomUUID(), Array.from({ length: 100 }, () => created(d)));
    }));
    const pushPerS = (60 * perDesk * 100) / ((performance.now() - t0) / 1000);
    lines.push(`site append, 60 desks pushing batches of 100: ${Math.round(pushPerS)} events/s (${r(pushPerS / baselinePerS)} × the raw INSERT+COMMIT; target ≥ 5,000/s: ${verdict(pushPerS >= 5000)})`);
    }

    if (parts.has('catchup')) {
    // Catch-up of N events by a desk that was away, applied to its projections.
    const catchup = Number(process.env.BENCH_ROOM_CATCHUP ?? 50_000);
    const before = await store.head();
    const w = desks[0]!;
    const burstIds: string[] = [];
    for (let k = 0; k < catchup; k += 500) {
      const batch = Array.from({ length: Math.min(500, catchup - k) }, () => created(w));
      burstIds.push(...batch.map((e) => e.dossierId!));
      await store.append(w.ev.workstation, randomUUID(), batch);
    }
    await store.close();
    const site2 = await startTestSite(settings);
    t0 = performance.now();
    const c = openDesk(dir.path, 'mru-09', 9, site2.port);
    const head = await site2.store.head();
    await until(() => c.services.journal.siteSync.pulledPos() === head, 'the new desk caught up', 600_000);
    const catchMs = performance.now() - t0;
    const catchPerS = head / (catchMs / 1000);
    // Read after the clock stopped: the burst's dossiers really are in the desk's projection.
    const dossiersHere = burstIds.filter((id) => c.services.journal.dossiers.get(id) !== undefined).length;
    lines.push(
      `a desk joining: ${head} events (${head - before} in the last burst) pulled and applied to its projections (${dossiersHere} of the burst's ${burstIds.length} dossiers there) in ${r(catchMs / 1000)} s, ${Math.round(catchPerS)} events/s (target 50,000 in ≤ 10 s, ≥ 5,000/s: ${verdict(catchPerS >= 5000)})`,
    );
    await c.services.close();
    await site2.close();
    } else await store.close();

    if (parts.has('join')) {
    // A new desk joining a room of a million events: usable once the accounts and open dossiers are in.
    const joinEvents = Number(process.env.BENCH_ROOM_JOIN ?? 1_000_000);
    const joinSettings = await freshDatabase(server, 'room_join_bench');
    await (await SiteStore.open(joinSettings, '690')).close();
    t0 = performance.now();
    const room = await writeRoomLog(joinSettings, joinEvents);
    lines.push(`room of ${room.head} events written for the join (${room.dossiers} dossiers, ${room.open} open) in ${r((performance.now() - t0) / 1000)} s`);
    const site3 = await startTestSite(joinSettings);
    const cpu0 = process.cpuUsage();
    t0 = performance.now();
    const j = openDesk(dir.path, 'mru-10', 10, site3.port);
    let usableMs: number | null = null;
    let openHere = 0;
    j.services.events.subscribe((channel, payload) => {
      if (channel === 'site:status' && usableMs === null && (payload as { join: { stage: string } | null }).join?.stage === 'history') {
        usableMs = performance.now() - t0;
        openHere = j.services.journal.queues.active().length;
      }
    });
    await until(() => j.services.journal.siteSync.pulledPos() >= room.head && j.services.site!.status().join === null, 'the new desk joined', 3_600_000);
    const joinMs = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    lines.push(
      `a new desk joining a room of ${room.head} events: usable (accounts and ${openHere} of ${room.open} open dossiers in) after ${usableMs === null ? 'n/a' : r(usableMs / 1000)} s (target ≤ 60 s: ${verdict(usableMs !== null && usableMs <= 60_000)}), the whole log in ${r(joinMs / 1000)} s (${Math.round(room.head / (joinMs / 1000))} events/s; this process's CPU ${r((cpu.user + cpu.system) / 1e6)} s)`,
    );
    t0 = performance.now();
    const deskChain = j.services.journal.verify();
    const siteChain = await site3.store.verifyChain();
    lines.push(`after the join: desk chain ${deskChain.ok ? 'verified' : 'BROKEN'} (${deskChain.events} events), site chain ${siteChain.ok ? 'verified' : 'BROKEN'} (${siteChain.count} events), in ${r((performance.now() - t0) / 1000)} s`);
    await j.services.close();
    await site3.close();
    }
    return lines;
  } finally {
    await server.stop();
    dir.cleanup();
  }
}
