import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { dispatch } from '../../electron/services/api';
import { createServices } from '../../electron/services/composition';
import type { JournalEventBody } from '../../shared/domain/journalEvents';
import { openJournalFile } from '../support/journalFile';
import { makeTempDir } from '../support/tempDir';
import { testConfig } from '../support/testConfig';
import { signIn, TEST_SCRYPT } from '../support/operators';
import { interleaved, line, time } from './stats';

const CALLS = Number(process.env.BENCH_INDICATOR_CALLS ?? 1_500_000);
const DOSSIERS = Number(process.env.BENCH_INDICATOR_DOSSIERS ?? 1_000_000);
const BATCH = 2000;
const YEAR_START = Date.parse('2025-01-01T00:00:00Z');
const YEAR_MS = 365 * 86_400_000;
const QUEUES = ['AMU', 'SNP', 'PSY', 'PEDIA'] as const;
const PRIORITIES = ['P1', 'P2', 'P2', 'P3', 'NR'] as const;

const target = (name: string, value: number, limit: number, unit: string, baseline?: number) => `${line(name, value, unit, baseline)}${value <= limit ? '' : ` MISSED (target ≤ ${limit} ${unit})`}`;

/**
 * The supervisor's screen on a year of a large SAMU (issue 15): `CALLS` calls and `DOSSIERS`
 * dossiers spread over 2025, generated through the journal's own append path (bulk transactions,
 * each event at its own time of the year, so the rollups are kept as in real life). Measures the
 * indicator report of a month and of the year (target p99 ≤ 200 ms) against raw SQL counts over
 * the same events in the same run, the rollups' cost per journaled event, and the floor view's
 * cost per update (target ≤ 1 ms).
 */
export async function indicatorBench(): Promise<string[]> {
  const kept = process.env.BENCH_INDICATOR_DIR;
  const dir = kept ? { path: kept, cleanup: () => undefined } : makeTempDir('plateau-bench-indicators-');
  try {
    const journalDir = join(dir.path, 'journal');
    const reuse = kept !== undefined && existsSync(join(journalDir, 'plateau-journal.sqlite3'));
    let clock = YEAR_START;
    const services = createServices(testConfig(journalDir), { scryptParams: TEST_SCRYPT, now: () => clock });
    const actor = { id: 'bench', role: 'ARM' };
    const mru = { id: 'bench-mru', role: 'MRU' };
    const started = performance.now();
    let events = 0;
    // Calls and dossiers interleaved in time order: subject k of N starts at k/N of the year.
    const total = CALLS + DOSSIERS;
    const dossierEvery = total / DOSSIERS;
    for (let base = 0; !reuse && base < total; base += BATCH) {
      services.journal.command((ctx) => {
        const append = (dossierId: string | null, body: JournalEventBody, who = actor) => {
          ctx.append({ dossierId, body, actor: who });
          events += 1;
        };
        for (let k = base; k < Math.min(base + BATCH, total); k++) {
          const at = YEAR_START + Math.floor((k / total) * YEAR_MS);
          clock = at;
          if (Math.floor(k / dossierEvery) !== Math.floor((k + 1) / dossierEvery)) {
            const dossierId = uuidv7();
            const n = Math.floor(k / dossierEvery);
            const localNumber = `DRFR15690${String(25000 + Math.floor(n / 99_999)).padStart(5, '0')}${String((n % 99_999) + 1).padStart(5, '0')}`;
            const priority = PRIORITIES[n % PRIORITIES.length]!;
            const origin = n % 3 === 0 ? '116117' : '15';
            append(dossierId, { type: 'dossier.created', payload: { localNumber, caseId: `fr.health.samu690.${localNumber}`, kind: n % 7 === 0 ? 'DR' : 'DRM', origin, callerPhone: null, motive: 'bench', priority } });
            append(dossierId, { type: 'dossier.routed', payload: { kind: 'queue', queue: QUEUES[n % QUEUES.length]! } });
            clock = at + 60_000 * (1 + (n % 30));
            append(dossierId, { type: 'dossier.taken', payload: {} }, mru);
            clock += 60_000 * (1 + (n % 9));
            append(dossierId, { type: 'dossier.decisionAdded', payload: { decisionId: uuidv7(), decision: { type: 'CONSEIL', careLevel: 'R4', adviceText: 'x', prescriptionText: null, resourceType: null, orientationType: null, transport: null, destination: null, reason: null, supersedes: null } } }, mru);
            append(dossierId, { type: 'dossier.finished', payload: {} }, mru);
          } else {
            const callId = uuidv7();
            append(null, { type: 'call.presented', payload: { callId, sipCallId: callId, direction: 'inbound', remoteNumber: null, remoteName: null, dossierId: null } });
            if (k % 20 === 0) {
              clock = at + 1000 * (k % 90);
              append(null, { type: 'call.abandoned', payload: { callId } });
            } else {
              clock = at + 1000 * (k % 75);
              append(null, { type: 'call.answered', payload: { callId } });
              clock += 120_000;
              append(null, { type: 'call.ended', payload: { callId, by: 'remote', reason: 'BYE', sipCode: null } });
            }
          }
        }
      });
    }
    const generationS = (performance.now() - started) / 1000;
    services.journal.checkpoint();
    clock = Date.parse('2025-12-31T12:00:00Z');
    await signIn(services, 'SUPERVISEUR');

    // The raw counts read the same file on their own connection (the journal keeps its own private).
    const db = openJournalFile(services.journal);
    const rawEvents = db.prepare<[string, string], number>("SELECT count(*) FROM events WHERE type = 'call.presented' AND at >= ? AND at < ?").pluck();
    const rawCalls = db.prepare<[string, string], number>('SELECT count(*) FROM calls WHERE presented_at >= ? AND presented_at < ?').pluck();
    // Counts what the reports found, so a report that reads nothing cannot pass for a fast one.
    let presentedInYear = 0;
    const report = async (request: object) => {
      clock += 1; // never idle long enough to lock
      const r = await dispatch(services.api, 'indicators:report', request);
      if (!r.ok) throw new Error(`indicators:report refused: ${r.error.message}`);
      return (r.value as { indicators: { calls: { presented: number } } }).indicators.calls.presented;
    };
    presentedInYear = await report({ from: '2025-01-01', to: '2025-12-31', granularity: 'month' });
    const months = ['01', '03', '06', '09', '11'];
    const timings = await interleaved(
      {
        month: (i) => report({ from: `2025-${months[Math.abs(i) % months.length]}-01`, to: `2025-${months[Math.abs(i) % months.length]}-28`, granularity: 'day' }),
        monthByHour: (i) => report({ from: `2025-${months[Math.abs(i) % months.length]}-01`, to: `2025-${months[Math.abs(i) % months.length]}-28`, granularity: 'hour' }),
        year: () => report({ from: '2025-01-01', to: '2025-12-31', granularity: 'month' }),
        rawMonthEvents: (i) => rawEvents.get(`2025-${months[Math.abs(i) % months.length]}-01`, `2025-${months[Math.abs(i) % months.length]}-29`),
        rawMonthCalls: (i) => rawCalls.get(`2025-${months[Math.abs(i) % months.length]}-01`, `2025-${months[Math.abs(i) % months.length]}-29`),
      },
      { n: 60, warmup: 3, blocks: 6 },
    );
    const rawYear = await time(5, 1, () => rawEvents.get('2025-01-01', '2026-01-01'));
    const rawYearCalls = await time(20, 2, () => rawCalls.get('2025-01-01', '2026-01-01'));

    // Live: after each journaled call event, the floor view is asked again (what the screen does
    // on the pushed event); its cost is timed alone, the append (an fsync) beside it.
    let appended = 0;
    const appendTimes: number[] = [];
    const floorTimes: number[] = [];
    for (let i = 0; i < 1050; i++) {
      const callId = uuidv7();
      clock += 1000;
      const t0 = performance.now();
      services.journal.command((ctx) => ctx.append({ dossierId: null, actor, body: { type: 'call.presented', payload: { callId, sipCallId: callId, direction: 'inbound', remoteNumber: null, remoteName: null, dossierId: null } } }));
      const t1 = performance.now();
      services.indicators.floor();
      const t2 = performance.now();
      appended += 1;
      if (i >= 50) {
        appendTimes.push(t1 - t0);
        floorTimes.push(t2 - t1);
      }
    }
    appendTimes.sort((a, b) => a - b);
    floorTimes.sort((a, b) => a - b);
    const p99 = (sorted: number[]) => sorted[Math.ceil(0.99 * sorted.length) - 1]!;
    const floorOnly = await time(2000, 100, () => services.indicators.floor());
    // The rollups' own share of an append: a call's facts credited to its hour, day and month.
    const facts = { 'call.in': 1, 'call.answered': 1, 'call.tta:12': 1 };
    const PER_TXN = 100;
    const rollup = await time(200, 10, () => services.journal.command(() => {
      for (let i = 0; i < PER_TXN; i++) services.journal.indicators.change('2025-12-31T12:00:00.000Z', {}, facts);
      for (let i = 0; i < PER_TXN; i++) services.journal.indicators.change('2025-12-31T12:00:00.000Z', facts, {});
    }));
    db.close();
    services.close();
    return [
      line('indicators.generated_calls', CALLS, 'calls'),
      line('indicators.generated_dossiers', DOSSIERS, 'dossiers'),
      line('indicators.generated_events', events, 'events'),
      line('indicators.generation', generationS, 's'),
      line('indicators.year.calls_presented', presentedInYear, 'calls (from the rollups)'),
      line('indicators.raw_count.month.events_scan.p99', timings.rawMonthEvents.p99, 'ms'),
      line('indicators.raw_count.month.calls_index.p99', timings.rawMonthCalls.p99, 'ms'),
      line('indicators.raw_count.year.events_scan.p99', rawYear.p99, 'ms'),
      line('indicators.raw_count.year.calls_index.p99', rawYearCalls.p99, 'ms'),
      target('indicators.report.month_by_day.p99', timings.month.p99, 200, 'ms', timings.rawMonthEvents.p99),
      target('indicators.report.month_by_hour.p99', timings.monthByHour.p99, 200, 'ms', timings.rawMonthEvents.p99),
      target('indicators.report.year_by_month.p99', timings.year.p99, 200, 'ms', rawYear.p99),
      target('floor.update_per_event.p99', p99(floorTimes), 1, 'ms (floor view asked again after each journaled call event)'),
      target('floor.view.p99', floorOnly.p99, 1, 'ms'),
      line('floor.view.p50', floorOnly.p50, 'ms'),
      line('journal.append_call_event.p50', appendTimes[Math.floor(appendTimes.length / 2)]!, 'ms (one durable command, fsync)'),
      line('indicators.rollup_per_event.p99', rollup.p99 / (2 * PER_TXN), 'ms (in the command: deltas summed in memory, written by the fold after the commit)'),
      line('indicators.live_events_appended', appended, 'events'),
    ];
  } finally {
    dir.cleanup();
  }
}
