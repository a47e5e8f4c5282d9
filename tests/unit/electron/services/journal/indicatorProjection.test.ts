import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { copyFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { isLate } from '../../../../../shared/domain/callbacks';
import { buildSeries, SERIES_METRICS } from '../../../../../shared/domain/indicators/series';
import { Journal } from '../../../../../electron/services/journal/journal';
import { addFacts, hubInboxFacts, type Facts } from '../../../../../shared/domain/indicators/facts';
import { recomputeHourly, type HourlyFacts, type IndicatorEvent } from '../../../../../shared/domain/indicators/recompute';
import type { JournalEventBody } from '../../../../../shared/domain/journalEvents';
import { parisDay } from '../../../../support/indicatorEvents';
import { journalFile } from '../../../../support/journalFile';
import { makeTempDir } from '../../../../support/tempDir';

/** The rollup table as hour → counters, zero rows left out (a counter back to 0 is no counter). */
function hoursTable(journal: Journal): HourlyFacts {
  // The deltas of the last commands are written in batches: a reader of the file folds them first.
  journal.foldIndicators();
  const out: HourlyFacts = new Map();
  for (const r of journalFile(journal).prepare<[], { hour: string; metric: string; n: number }>('SELECT hour, metric, n FROM indicator_hours WHERE n != 0').all()) {
    const facts = out.get(r.hour) ?? out.set(r.hour, {}).get(r.hour)!;
    facts[r.metric] = r.n;
  }
  return out;
}

function daysTable(journal: Journal): Map<string, Facts> {
  journal.foldIndicators();
  const out = new Map<string, Facts>();
  for (const r of journalFile(journal).prepare<[], { day: string; metric: string; n: number }>('SELECT day, metric, n FROM indicator_days WHERE n != 0').all()) {
    const facts = out.get(r.day) ?? out.set(r.day, {}).get(r.day)!;
    facts[r.metric] = r.n;
  }
  return out;
}

function readBack(journal: Journal): IndicatorEvent[] {
  return journalFile(journal)
    .prepare<[], { seq: number; dossier_id: string | null; at: string; actor_id: string; actor_role: string; type: string; payload: string }>('SELECT seq, dossier_id, at, actor_id, actor_role, type, payload FROM events ORDER BY seq')
    .all()
    .map((r) => ({ seq: r.seq, dossierId: r.dossier_id, at: r.at, actor: { id: r.actor_id, role: r.actor_role }, body: { type: r.type, payload: JSON.parse(r.payload) } as JournalEventBody }));
}

const sorted = (m: Map<string, Facts>) => [...m.entries()].sort(([a], [b]) => (a < b ? -1 : 1));

describe('indicator rollups kept by the journal', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let clock = 0;
  const path = () => join(dir.path, 'j.sqlite3');
  const open = (timeZone?: string) => Journal.open(path(), { workstation: 'ws-1', hubClientId: 'fr.health.samu690', now: () => clock, ...(timeZone ? { timeZone } : {}) });
  let journal: Journal;

  beforeEach(() => {
    dir = makeTempDir();
    journal = open('Europe/Paris');
    // The scenario's events written through the journal's own append path, each at its own time.
    for (const e of parisDay().events) {
      clock = Date.parse(e.at);
      journal.command((ctx) => ctx.append({ dossierId: e.dossierId, body: e.body, actor: e.actor }));
    }
  });
  afterEach(() => {
    journal.close();
    dir.cleanup();
  });

  it('equal a full recomputation from the events, hour by hour and day by day', () => {
    const expected = recomputeHourly(readBack(journal), 'Europe/Paris');
    expect(sorted(hoursTable(journal))).toEqual(sorted(expected));
    expect(daysTable(journal).get('2026-11-23')).toEqual(journal.indicators.period({ from: '2026-11-23', to: '2026-11-23' }));
    expect(journal.indicators.period({ from: '2026-11-23', to: '2026-11-23' })['call.in']).toBe(6);
    // The next day holds only the Hub update D3's appointment produced (messages count when they happen).
    expect(sorted(daysTable(journal)).map(([d]) => d)).toEqual(['2026-11-23', '2026-11-24']);
    expect(daysTable(journal).get('2026-11-24')).toEqual({ 'hub.sent': 1, 'hub.sent:RS-EDA-MAJ': 1 });
    // Whole months come from the month rows, the edges from the day rows: the same counters.
    const day = journal.indicators.period({ from: '2026-11-23', to: '2026-11-23' });
    const withNextDay = { ...day, 'hub.sent': day['hub.sent']! + 1, 'hub.sent:RS-EDA-MAJ': day['hub.sent:RS-EDA-MAJ']! + 1 };
    expect(journal.indicators.period({ from: '2026-11-01', to: '2026-11-30' })).toEqual(withNextDay);
    expect(journal.indicators.period({ from: '2026-10-15', to: '2027-01-10' })).toEqual(withNextDay);
    expect(journal.indicators.period({ from: '2026-11-25', to: '2026-12-31' })).toEqual({});
    const months = journalFile(journal).prepare<[], { month: string; metric: string; n: number }>('SELECT month, metric, n FROM indicator_months WHERE n != 0').all();
    expect(Object.fromEntries(months.map((r) => [r.metric, r.n]))).toEqual(withNextDay);
    expect(new Set(months.map((r) => r.month))).toEqual(new Set(['2026-11']));
  });

  it('equal themselves after a rebuild of every projection, and after a refold from the projections', () => {
    const live = sorted(hoursTable(journal));
    const liveDays = sorted(daysTable(journal));
    journal.rebuildProjections();
    expect(sorted(hoursTable(journal))).toEqual(live);
    expect(sorted(daysTable(journal))).toEqual(liveDays);
    journal.refoldIndicators();
    expect(sorted(hoursTable(journal))).toEqual(live);
    expect(sorted(daysTable(journal))).toEqual(liveDays);
  });

  it('are cut again on the new site clock when the journal opens with another zone, and keep it for the CLI tools', () => {
    journal.close();
    journal = open('Indian/Reunion');
    expect(sorted(hoursTable(journal))).toEqual(sorted(recomputeHourly(readBack(journal), 'Indian/Reunion')));
    expect(hoursTable(journal).get('2026-11-23T13')?.['call.in']).toBe(5);
    journal.close();
    journal = open();
    expect(journal.indicators.timeZone).toBe('Indian/Reunion');
  });

  it('serve chosen series per hour and per day', () => {
    const rows = journal.indicators.series({ from: '2026-11-23', to: '2026-11-23' }, 'hour', ['call.in', 'call.answered']);
    expect(rows).toEqual(
      expect.arrayContaining([
        { bucket: '2026-11-23T10', metric: 'call.in', n: 5 },
        { bucket: '2026-11-23T10', metric: 'call.answered', n: 4 },
        { bucket: '2026-11-23T11', metric: 'call.in', n: 1 },
      ]),
    );
    expect(rows).toHaveLength(3);
    expect(journal.indicators.series({ from: '2026-11-01', to: '2026-11-30' }, 'day', ['d.n'])).toEqual([{ bucket: '2026-11-23', metric: 'd.n', n: 5 }]);
  });

  it('are written after the commits, in batches and before every read, never by the command itself', () => {
    journal.foldIndicators();
    const folded = journalFile(journal).prepare<[], number>('SELECT seq FROM indicator_fold').pluck().get();
    expect(folded).toBe(journal.lastSeq());
    const rows = () => journalFile(journal).prepare<[], number>('SELECT count(*) FROM indicator_hours').pluck().get();
    const before = rows() ?? 0;
    clock = Date.parse('2026-11-24T09:00:00Z');
    journal.command((ctx) => ctx.append({ dossierId: null, actor: { id: 'a', role: 'ARM' }, body: { type: 'call.presented', payload: { callId: 'late-call', sipCallId: 'late-call', direction: 'inbound', remoteNumber: null, remoteName: null, dossierId: null } } }));
    expect(rows()).toBe(before);
    expect(journal.indicators.unfoldedEvents).toBe(1);
    // A read folds first: the current day follows the events.
    expect(journal.indicators.period({ from: '2026-11-24', to: '2026-11-24' })['call.in']).toBe(1);
    expect(rows()).toBe(before + 1);
    expect(journalFile(journal).prepare<[], number>('SELECT seq FROM indicator_fold').pluck().get()).toBe(journal.lastSeq());
  });

  it('equal a full recomputation after the process died between a command\'s commit and the fold', () => {
    journal.foldIndicators();
    // More events, committed but not folded; then the files as a crash would leave them.
    clock = Date.parse('2026-11-23T16:00:00Z');
    for (const [i, type] of (['call.presented', 'call.answered', 'call.ended'] as const).entries()) {
      clock += 5000 * i;
      const payload = type === 'call.presented' ? { callId: 'c-crash', sipCallId: 'c-crash', direction: 'inbound', remoteNumber: null, remoteName: null, dossierId: null } : type === 'call.ended' ? { callId: 'c-crash', by: 'remote', reason: 'BYE', sipCode: null } : { callId: 'c-crash' };
      journal.command((ctx) => ctx.append({ dossierId: null, actor: { id: 'a', role: 'ARM' }, body: { type, payload } as JournalEventBody }));
    }
    expect(journal.indicators.unfoldedEvents).toBe(3);
    const crashed = join(dir.path, 'crashed.sqlite3');
    copyFileSync(path(), crashed);
    if (existsSync(`${path()}-wal`)) copyFileSync(`${path()}-wal`, `${crashed}-wal`);
    const reopened = Journal.open(crashed, { workstation: 'ws-1', hubClientId: 'fr.health.samu690', now: () => clock, timeZone: 'Europe/Paris' });
    try {
      expect(reopened.lastSeq()).toBe(journal.lastSeq());
      expect(sorted(hoursTable(reopened))).toEqual(sorted(recomputeHourly(readBack(reopened), 'Europe/Paris')));
      expect(reopened.indicators.period({ from: '2026-11-23', to: '2026-11-23' })['call.in']).toBe(7);
      expect(journalFile(reopened).prepare<[], number>('SELECT seq FROM indicator_fold').pluck().get()).toBe(reopened.lastSeq());
    } finally {
      reopened.close();
    }
  });

  it('count the Hub messages received as the inbox records them, settled later or not, and equal a refold', () => {
    const row = (id: string, kind: string | null, state: 'APPLIED' | 'PENDING' | 'REJECTED', errorCode: number | null, receivedAt: string) => ({
      distributionId: id, senderId: 'fr.health.samu750', proven: 1 as const, queue: 'message', kind, distributionKind: null, receivedAt, body: Buffer.from(id), digest: Buffer.from(id),
      state, problem: state === 'REJECTED' ? 'bad' : null, errorCode, dossierId: null, caseId: null, answer: null,
    });
    clock = Date.parse('2026-11-23T13:00:00Z');
    journal.command((ctx) => {
      ctx.hubInbox.insert(row('m1', 'RS-EDA', 'APPLIED', null, '2026-11-23T13:00:00.000Z'));
      ctx.hubInbox.insert(row('m2', 'RC-REF', 'APPLIED', null, '2026-11-23T13:01:00.000Z'));
      ctx.hubInbox.insert(row('m3', 'RS-ERROR', 'APPLIED', 400, '2026-11-23T13:02:00.000Z'));
      ctx.hubInbox.insert(row('m4', null, 'REJECTED', 400, '2026-11-23T13:03:00.000Z'));
      ctx.hubInbox.insert(row('m5', 'RS-EDA-MAJ', 'PENDING', null, '2026-11-23T13:04:00.000Z'));
      ctx.hubInbox.insert(row('m6', 'RC-REF', 'REJECTED', 400, '2026-11-23T13:05:00.000Z'));
    });
    // A rolled-back command's inbox rows count nowhere.
    expect(() => journal.command((ctx) => {
      ctx.hubInbox.insert(row('m7', 'RS-EDA', 'APPLIED', null, '2026-11-23T13:06:00.000Z'));
      throw new Error('refused');
    })).toThrow('refused');
    const pendingId = journalFile(journal).prepare<[], number>("SELECT id FROM hub_inbox WHERE distribution_id = 'm5'").pluck().get()!;
    journal.command((ctx) => ctx.hubInbox.settle(pendingId, 'REJECTED', null, 'withdrawn'));
    const day = journal.indicators.period({ from: '2026-11-23', to: '2026-11-23' });
    const hub = Object.fromEntries(Object.entries(day).filter(([k]) => k.startsWith('hub.received') || k === 'hub.acked' || k === 'hub.refused'));
    expect(hub).toEqual({
      'hub.received': 6,
      'hub.received:RS-EDA': 1,
      'hub.received:RC-REF': 2,
      'hub.received:RS-ERROR': 1,
      'hub.received:unknown': 1,
      'hub.received:RS-EDA-MAJ': 1,
      'hub.received.rejected': 3,
      'hub.acked': 1,
      'hub.refused': 1,
    });
    // The same as the inbox rows summed, and as a refold and a rebuild.
    const summed: Facts = {};
    for (const r of journalFile(journal).prepare<[], { kind: string | null; state: 'APPLIED' | 'PENDING' | 'REJECTED'; error_code: number | null }>('SELECT kind, state, error_code FROM hub_inbox').all()) addFacts(summed, hubInboxFacts({ kind: r.kind, state: r.state, errorCode: r.error_code }));
    expect(Object.fromEntries(Object.entries(summed))).toEqual(hub);
    const live = sorted(hoursTable(journal));
    journal.refoldIndicators();
    expect(sorted(hoursTable(journal))).toEqual(live);
    journal.rebuildProjections();
    expect(sorted(hoursTable(journal))).toEqual(live);
  });

  it('keep a received message journaled by a command without events through a crash (written in its own commit)', () => {
    journal.foldIndicators();
    clock = Date.parse('2026-11-23T13:00:00Z');
    journal.command((ctx) => ctx.hubInbox.insert({ distributionId: 'ack-1', senderId: 'fr.health.samu750', proven: 1, queue: 'ack', kind: 'RC-REF', distributionKind: 'Ack', receivedAt: '2026-11-23T13:00:00.000Z', body: Buffer.from('a'), digest: Buffer.from('a'), state: 'APPLIED', problem: null, errorCode: null, dossierId: null, caseId: null, answer: null }));
    const crashed = join(dir.path, 'crashed-ack.sqlite3');
    copyFileSync(path(), crashed);
    if (existsSync(`${path()}-wal`)) copyFileSync(`${path()}-wal`, `${crashed}-wal`);
    const reopened = Journal.open(crashed, { workstation: 'ws-1', hubClientId: 'fr.health.samu690', now: () => clock, timeZone: 'Europe/Paris' });
    try {
      expect(reopened.indicators.period({ from: '2026-11-23', to: '2026-11-23' })['hub.acked']).toBe(1);
    } finally {
      reopened.close();
    }
    expect(journal.indicators.period({ from: '2026-11-23', to: '2026-11-23' })['hub.acked']).toBe(1);
  });

  it('keep the floor view\'s open, due and late callbacks as a read of every open callback would, through a rollback', () => {
    const listed = (now: number) => {
      const open = journal.callbacks.list(false).filter((c) => c.doneAt === null);
      return { open: open.length, due: open.filter((c) => c.dueAt === null || Date.parse(c.dueAt) <= now).length, late: open.filter((c) => isLate(c, now)).length };
    };
    const now = Date.parse('2026-11-23T12:00:00Z');
    expect(journal.callbacks.openCounts(now)).toEqual(listed(now));
    expect(journal.callbacks.openCounts(now).open).toBeGreaterThan(0);
    clock = Date.parse('2026-11-23T12:00:00Z');
    const lost = (callbackId: string): JournalEventBody => ({ type: 'callback.lostCall', payload: { callbackId, callId: `call-${callbackId}`, phone: null, presentedAt: '2026-11-23T11:59:00.000Z' } });
    const requested: JournalEventBody = { type: 'callback.requested', payload: { callbackId: 'cb-req', dossierId: null, phone: null, dueAt: '2026-11-23T13:00:00.000Z', reason: null } };
    journal.command((ctx) => ctx.append({ dossierId: null, actor: { id: 'a', role: 'ARM' }, body: lost('cb-new') }));
    journal.command((ctx) => ctx.append({ dossierId: null, actor: { id: 'a', role: 'ARM' }, body: requested }));
    journal.command((ctx) => ctx.append({ dossierId: null, actor: { id: 'a', role: 'ARM' }, body: { type: 'callback.attempted', payload: { callbackId: 'cb-new', outcome: 'REACHED', note: null } } }));
    expect(journal.callbacks.openCounts(now)).toEqual(listed(now));
    expect(() => journal.command((ctx) => {
      ctx.append({ dossierId: null, actor: { id: 'a', role: 'ARM' }, body: lost('cb-rolled-back') });
      throw new Error('refused');
    })).toThrow('refused');
    expect(journal.callbacks.openCounts(now)).toEqual(listed(now));
    for (const t of [now - 3_600_000, now + 86_400_000]) expect(journal.callbacks.openCounts(t)).toEqual(listed(t));
  });

  it('serve a series by month from the month rows, the edge days from day rows: the same buckets as from days alone', () => {
    for (const range of [{ from: '2026-10-15', to: '2027-01-10' }, { from: '2026-11-01', to: '2026-11-30' }, { from: '2026-11-24', to: '2026-12-31' }, { from: '2026-11-23', to: '2026-11-23' }]) {
      const fromMonths = buildSeries(range, 'month', journal.indicators.series(range, 'month', SERIES_METRICS));
      expect(fromMonths, JSON.stringify(range)).toEqual(buildSeries(range, 'month', journal.indicators.series(range, 'day', SERIES_METRICS)));
    }
    const november = buildSeries({ from: '2026-10-15', to: '2027-01-10' }, 'month', journal.indicators.series({ from: '2026-10-15', to: '2027-01-10' }, 'month', SERIES_METRICS));
    expect(november.map((b) => [b.bucket, b.presented])).toEqual([['2026-10', 0], ['2026-11', 6], ['2026-12', 0], ['2027-01', 0]]);
  });
});
