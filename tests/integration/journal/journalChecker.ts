import { join } from 'node:path';
import { JOURNAL_FILE_NAME } from '../../../electron/services/config/workstationConfig';
import type { DossierEventBody } from '../../../shared/domain/dossier';
import { DOSSIER_PROJECTION_TABLES } from '../../../electron/services/journal/dossierProjection';
import { CallbackProjection } from '../../../electron/services/journal/callbackProjection';
import { OperatorProjection } from '../../../electron/services/journal/operatorProjection';
import { Journal } from '../../../electron/services/journal/journal';
import { outboxMessageFor } from '../../../shared/domain/hub/outboxMessage';
import { openJournalFile } from '../../support/journalFile';

/** One line of a kill child's stdout: what the user was told is saved. */
export interface Ack {
  kind: 'created' | 'priority';
  token: string;
  dossierId: string | null;
  seq: number | null;
}

export function parseAck(line: string): Ack {
  const [kind, token, dossierId, seq] = line.split(' ');
  if ((kind !== 'created' && kind !== 'priority') || !token || !dossierId || !seq) throw new Error(`not an acknowledgement: ${line}`);
  return { kind, token, dossierId: dossierId === '-' ? null : dossierId, seq: seq === '-' ? null : Number(seq) };
}

export interface CheckResult {
  /** Acknowledged commands not found in the journal, described. */
  missing: string[];
  integrity: string;
  chainOk: boolean;
  chainProblem: string | null;
  /** Projection tables whose rows differ from a rebuild from the events. */
  projectionsDifferingFromRebuild: string[];
  /** Events that must have enqueued a Hub Santé message and did not. */
  eventsWithoutOutbox: number[];
  events: number;
}

/**
 * What must hold after any crash, checked the way the app would find the file on restart
 * (Journal.open recovers the WAL): every acknowledged command is in the journal, SQLite's
 * integrity check passes, the hash chain verifies, each event's outbox row exists, and the
 * projections equal a rebuild from the events.
 */
export function checkJournal(dataDir: string, acknowledged: Iterable<Ack>): CheckResult {
  const journal = Journal.open(join(dataDir, JOURNAL_FILE_NAME), { workstation: 'checker', hubClientId: 'fr.health.samu690' });
  const db = openJournalFile(journal);
  try {
    const dossiers = new Map(
      (db.prepare('SELECT id, motive, priority FROM dossiers').all() as Array<{ id: string; motive: string; priority: string }>).map((d) => [d.motive, d]),
    );
    const eventAt = db.prepare<[number], { dossier_id: string; type: string }>('SELECT dossier_id, type FROM events WHERE seq = ?');
    const missing: string[] = [];
    for (const ack of acknowledged) {
      const problem = missingPart(ack, dossiers.get(ack.token), ack.seq === null ? undefined : eventAt.get(ack.seq));
      if (problem) missing.push(`${ack.kind} ${ack.token}: ${problem}`);
    }

    // The outbox policy reads whether the dossier was shared (or received) at that event: follow it in journal order.
    const exchanged = new Map<string, { receivedFrom: string | null; received: never[]; sharedWith?: { partner: string; at: string; by: string; byRole: string } }>();
    const withOutbox = new Set(db.prepare<[], number>('SELECT event_seq FROM outbox').pluck().all());
    const eventsWithoutOutbox: number[] = [];
    for (const e of db.prepare('SELECT seq, dossier_id, type, payload FROM events ORDER BY seq').iterate() as Iterable<{ seq: number; dossier_id: string | null; type: string; payload: string }>) {
      const body = { type: e.type, payload: JSON.parse(e.payload) } as DossierEventBody;
      if (e.dossier_id && body.type === 'dossier.received') exchanged.set(e.dossier_id, { receivedFrom: body.payload.from, received: [] });
      if (e.dossier_id && body.type === 'dossier.shared') exchanged.set(e.dossier_id, { receivedFrom: null, received: [], sharedWith: { partner: body.payload.partner, at: '', by: '', byRole: '' } });
      const hub = e.dossier_id ? (exchanged.get(e.dossier_id) ?? null) : null;
      if (outboxMessageFor(body, { hub }) !== null && !withOutbox.has(e.seq)) eventsWithoutOutbox.push(e.seq);
    }

    // Rows compared as sorted JSON, with the rowid where there is one (the search index is keyed
    // by it); WITHOUT ROWID tables have none.
    const snapshot = (table: string) => {
      const withoutRowid = /WITHOUT ROWID\s*$/i.test(db.prepare<[string], string>('SELECT sql FROM sqlite_schema WHERE name = ?').pluck().get(table) ?? '');
      return (db.prepare(`SELECT ${withoutRowid ? '' : 'rowid AS _rowid, '}* FROM ${table}`).all() as unknown[]).map((row) => JSON.stringify(row)).sort();
    };
    const tables = [...DOSSIER_PROJECTION_TABLES, ...CallbackProjection.TABLES, ...OperatorProjection.TABLES];
    const live = tables.map(snapshot);
    journal.rebuildProjections();
    const projectionsDifferingFromRebuild = tables.filter((table, i) => JSON.stringify(snapshot(table)) !== JSON.stringify(live[i]));

    const chain = journal.verify();
    return {
      missing,
      integrity: journal.integrityCheck(),
      chainOk: chain.ok,
      chainProblem: chain.problem,
      projectionsDifferingFromRebuild,
      eventsWithoutOutbox,
      events: chain.events,
    };
  } finally {
    db.close();
    journal.close();
  }
}

function missingPart(ack: Ack, dossier: { id: string; priority: string } | undefined, event: { dossier_id: string; type: string } | undefined): string | null {
  if (!dossier) return 'no dossier with this motive';
  if (ack.dossierId !== null && dossier.id !== ack.dossierId) return `dossier is ${dossier.id}, ${ack.dossierId} was acknowledged`;
  if (ack.seq !== null) {
    const type = ack.kind === 'created' ? 'dossier.created' : 'dossier.priorityChanged';
    if (!event) return `no event at seq ${ack.seq}`;
    if (event.dossier_id !== dossier.id || event.type !== type) return `seq ${ack.seq} is ${event.type} of ${event.dossier_id}`;
  }
  if (ack.kind === 'priority' && dossier.priority !== 'P1') return `priority is ${dossier.priority}, P1 was acknowledged`;
  return null;
}
