import { v7 as uuidv7 } from 'uuid';
import type { ParsedRequestOf } from '../../../shared/api/contract';
import { fail, ok, type Envelope } from '../../../shared/api/envelope';
import type { Dossier } from '../../../shared/domain/dossier';
import { caseIdFor, formatLocalNumber, localDayKey } from '../../../shared/domain/localNumber';
import { normalisePhone } from '../../../shared/domain/phone';
import { sortQueue, type QueueEntry } from '../../../shared/domain/queue';
import { localDay } from '../../../shared/domain/siteTime';
import type { Actor, Journal } from '../journal/journal';
import type { EventBus } from '../eventBus';

export interface DossierServiceDeps {
  journal: Journal;
  events: EventBus;
  siteCode: string;
  timeZone: string;
  /** Who is acting. Operators and roles arrive with the regulation issue; until then the workstation acts as ARM. */
  actor: () => Actor;
  now?: () => number;
}

/** Dossier commands (each one journal transaction) and the queries behind the queues. */
export class DossierService {
  private readonly now: () => number;
  private readonly activeQueue;

  constructor(private readonly deps: DossierServiceDeps) {
    this.now = deps.now ?? Date.now;
    this.activeQueue = deps.journal.db.prepare<[], QueueEntry & Record<string, unknown>>(`
      SELECT id, local_number AS localNumber, priority, created_at AS createdAt, caller_phone AS callerPhone, motive, state
      FROM dossiers WHERE state = 'ACTIF'`);
  }

  create(request: ParsedRequestOf<'dossier:create'>): Envelope<Dossier> {
    let callerPhone: string | null = null;
    if (request.callerPhone.trim() !== '') {
      const phone = normalisePhone(request.callerPhone);
      if (!phone.ok) return fail('E_BAD_REQUEST', `callerPhone: not a possible phone number (${request.callerPhone})`, 'callerPhone');
      callerPhone = phone.e164;
    }
    const dossierId = uuidv7();
    const dossier = this.deps.journal.command((ctx) => {
      const day = localDay(new Date(this.now()), this.deps.timeZone);
      const counter = ctx.dossiers.lastCounter(`DRFR15${this.deps.siteCode}${localDayKey(day)}`) + 1;
      const localNumber = formatLocalNumber(this.deps.siteCode, day, counter);
      const appended = ctx.append({
        dossierId,
        actor: this.deps.actor(),
        body: {
          type: 'dossier.created',
          payload: {
            localNumber,
            caseId: caseIdFor(this.deps.siteCode, localNumber),
            kind: request.kind,
            origin: request.origin,
            callerPhone,
            motive: request.motive,
            priority: request.priority,
          },
        },
      });
      return { ...ctx.dossiers.get(dossierId)!, lastSeq: appended.seq };
    });
    this.deps.events.emit('dossier:changed', { dossierId, seq: dossier.lastSeq });
    return ok(dossier);
  }

  setPriority(request: ParsedRequestOf<'dossier:setPriority'>): Envelope<Dossier> {
    const existing = this.deps.journal.dossiers.get(request.dossierId);
    if (!existing) return fail('E_NOT_FOUND', `dossier ${request.dossierId} does not exist`, 'dossierId');
    if (existing.priority === request.priority) return ok(existing);
    const dossier = this.deps.journal.command((ctx) => {
      ctx.append({ dossierId: request.dossierId, actor: this.deps.actor(), body: { type: 'dossier.priorityChanged', payload: { priority: request.priority } } });
      return ctx.dossiers.get(request.dossierId)!;
    });
    this.deps.events.emit('dossier:changed', { dossierId: dossier.id, seq: dossier.lastSeq });
    return ok(dossier);
  }

  get(request: ParsedRequestOf<'dossier:get'>): Envelope<Dossier> {
    const dossier = this.deps.journal.dossiers.get(request.dossierId);
    return dossier ? ok(dossier) : fail('E_NOT_FOUND', `dossier ${request.dossierId} does not exist`, 'dossierId');
  }

  queue(): Envelope<{ entries: QueueEntry[] }> {
    return ok({ entries: sortQueue(this.activeQueue.all()) });
  }
}
