import { v5 as uuidv5 } from 'uuid';
import type { SiteEvent } from '../../../../shared/api/siteProtocol';
import { formatLocalNumber, localDayKey } from '../../../../shared/domain/localNumber';
import { localDay } from '../../../../shared/domain/siteTime';
import type { HybridLogicalClock } from '../../journal/hlc';
import { formatHlc } from '../../journal/hlc';
import type { CreateCaseHealth, CreateCaseHealthUpdate, InboundEnvelope } from '../../hub/inboundMessage';
import { receivedCaseOf, remoteUpdateOf } from '../../hub/receivedCase';
import type { Queryable } from './siteHubOutbox';
import { withdrawalUpdate } from '../../../../shared/domain/hub/partnerInbox';

/**
 * A partner's case (RS-EDA) or case update (RS-EDA-MAJ), as the site writes it into the room's
 * log — `dossier.received` / `dossier.remoteUpdated` by the HUB, exactly what a standalone desk's
 * inbox journals — so every desk receives it like any other event.
 *
 * Handled once: the event's id is derived from (sender, distributionID), and the site log is
 * idempotent on ids, so a message redelivered, or handled again by the instance that took the
 * lease over, appends nothing new.
 */
const NAMESPACE = 'a4b8e1f2-7c3d-4e5f-8a9b-0c1d2e3f4a5b';

export function inboundEventId(senderId: string, distributionId: string): string {
  return uuidv5(`${senderId}\u0000${distributionId}`, NAMESPACE);
}

/**
 * Dossiers received from partners are numbered in block 00 of the day's counter: desks number
 * in blocks 01–99 (localNumber.ts), so the site never collides with a desk, even offline.
 */
export const SITE_BLOCK = '00';

export interface CaseContext {
  siteCode: string;
  timeZone: string;
  clock: HybridLogicalClock;
  now: number;
}

async function dossierByCase(db: Queryable, caseId: string): Promise<string | null> {
  const { rows } = await db.query("SELECT id FROM site_dossiers WHERE state->>'caseId' = $1 LIMIT 1", [caseId]);
  return (rows[0] as { id: string } | undefined)?.id ?? null;
}

async function nextSiteNumber(db: Queryable, ctx: CaseContext): Promise<string> {
  const day = localDay(new Date(ctx.now), ctx.timeZone);
  const prefix = `DRFR15${ctx.siteCode}${localDayKey(day)}${SITE_BLOCK}`;
  const { rows } = await db.query("SELECT max(state->>'localNumber') AS last FROM site_dossiers WHERE state->>'localNumber' LIKE $1", [`${prefix}%`]);
  const last = (rows[0] as { last: string | null } | undefined)?.last;
  const counter = last ? Number(last.slice(prefix.length - SITE_BLOCK.length)) + 1 : 1;
  return formatLocalNumber(ctx.siteCode, day, counter);
}

export function event(ctx: CaseContext, envelope: Pick<InboundEnvelope, 'senderId' | 'distributionId'>, dossierId: string, type: string, payload: unknown): SiteEvent {
  return {
    id: inboundEventId(envelope.senderId, envelope.distributionId),
    site: ctx.siteCode,
    workstation: 'site',
    dossierId,
    type,
    payload: JSON.stringify(payload),
    actorId: `hub:${envelope.senderId}`.slice(0, 120),
    actorRole: 'HUB',
    at: new Date(ctx.now).toISOString(),
    hlc: formatHlc(ctx.clock.tick()),
    corrects: null,
  };
}

/** The event a partner's case becomes: a new dossier, or what it says about one we have. */
export async function caseEvent(db: Queryable, ctx: CaseContext, envelope: InboundEnvelope, c: CreateCaseHealth, known?: string | null): Promise<SiteEvent> {
  const receivedAt = new Date(ctx.now).toISOString();
  // `known`: the caller found the case already (possibly received earlier in the same batch, not in site_dossiers yet).
  const existing = known !== undefined && known !== null ? known : await dossierByCase(db, c.caseId);
  if (existing) {
    // Shared again: what it says is recorded, no second dossier.
    const update = remoteUpdateOf({ caseId: c.caseId, patient: c.patient, medicalNote: c.medicalNote, qualification: c.qualification, perimeter: c.perimeter }, envelope.senderId, envelope.distributionId, receivedAt);
    return event(ctx, envelope, existing, 'dossier.remoteUpdated', update);
  }
  const received = receivedCaseOf(c, envelope.senderId, receivedAt);
  const localNumber = await nextSiteNumber(db, ctx);
  const dossierId = inboundEventId(envelope.senderId, `${envelope.distributionId}#dossier`);
  return event(ctx, envelope, dossierId, 'dossier.received', { ...received, localNumber, caseId: c.caseId, from: envelope.senderId, distributionId: envelope.distributionId });
}

/** An update's event on a dossier of the room (the caller found it, or its case arrived in the same batch). */
export function updateEvent(ctx: CaseContext, envelope: Pick<InboundEnvelope, 'senderId' | 'distributionId'>, dossierId: string, u: CreateCaseHealthUpdate): SiteEvent {
  return event(ctx, envelope, dossierId, 'dossier.remoteUpdated', remoteUpdateOf(u, envelope.senderId, envelope.distributionId, new Date(ctx.now).toISOString()));
}

/** A partner withdrawing what it shared (Cancel): the desks' rule, with a note id derived like the event's. */
export function withdrawalEvent(ctx: CaseContext, envelope: InboundEnvelope, dossierId: string): SiteEvent {
  const noteId = inboundEventId(envelope.senderId, `${envelope.distributionId}#note`);
  return event(ctx, envelope, dossierId, 'dossier.remoteUpdated', withdrawalUpdate(envelope.senderId, envelope.distributionId, new Date(ctx.now).toISOString(), noteId));
}
