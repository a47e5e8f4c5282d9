import { describe, expect, it } from 'vitest';
import { applyCallbackEvent, claimHolder, CLAIM_MINUTES, type Callback } from '../../../../shared/domain/callbacks';
import { applyDossierEvent, type Dossier } from '../../../../shared/domain/dossier';
import { EVENT_PAYLOAD_SCHEMAS } from '../../../../shared/api/siteEventSchemas';
import { arbitrate, AUTHORS, fieldKey, isNewerHlc, isRoomDuplicate, mayAuthor, needsSession, onceInRoomKey, sessionEffect } from '../../../../shared/domain/siteRules';
import { adviceDecision } from '../../../support/decisions';

const at = '2026-12-05T13:02:00.000Z';
const created = (kind: 'DR' | 'DRM' = 'DRM'): Dossier =>
  applyDossierEvent(undefined, {
    seq: 1,
    dossierId: 'd1',
    at,
    actor: { id: 'arm', role: 'ARM' },
    body: { type: 'dossier.created', payload: { localNumber: 'DRFR156902634001001', caseId: 'c', kind, origin: '15', callerPhone: null, motive: 'm', priority: 'P1' } },
  });
const martin = { id: 'martin', role: 'MRU' };
const petit = { id: 'petit', role: 'MRU' };

describe('the room rules the site applies', () => {
  it('knows an author list and a payload schema for exactly the same event types', () => {
    expect(Object.keys(AUTHORS).sort()).toEqual(Object.keys(EVENT_PAYLOAD_SCHEMAS).sort());
  });

  it('lets only the roles of each channel author its events', () => {
    expect(mayAuthor('dossier.taken', 'MRU')).toBe(true);
    expect(mayAuthor('dossier.taken', 'ARM')).toBe(false);
    expect(mayAuthor('dossier.decisionAdded', 'OSNP')).toBe(false);
    expect(mayAuthor('operator.created', 'ADMIN')).toBe(true);
    expect(mayAuthor('operator.created', 'SUPERVISEUR')).toBe(false);
    expect(mayAuthor('dossier.closed', 'SYSTEME')).toBe(true);
    expect(mayAuthor('dossier.exploded', 'ADMIN')).toBe(false);
  });

  it('asks for an open session of a person, not of the system, the console or the sign-in itself', () => {
    expect(needsSession('dossier.created', 'arm', 'ARM')).toBe(true);
    expect(needsSession('dossier.closed', 'systeme', 'SYSTEME')).toBe(false);
    expect(needsSession('operator.created', 'console:root', 'ADMIN')).toBe(false);
    expect(needsSession('auth.loginSucceeded', 'arm', 'ARM')).toBe(false);
    expect(needsSession('auth.loggedOut', 'arm', 'ARM')).toBe(true);
    expect([sessionEffect('auth.loginSucceeded'), sessionEffect('auth.pscSignedIn'), sessionEffect('auth.loggedOut'), sessionEffect('dossier.taken')]).toEqual(['open', 'open', 'close', null]);
  });

  it('take: the first physician in site order wins; the holder taking again is no conflict', () => {
    const d = created();
    expect(arbitrate('dossier.taken', martin, d, undefined)).toEqual({ won: true });
    const taken = applyDossierEvent(d, { seq: 2, dossierId: 'd1', at, actor: martin, body: { type: 'dossier.taken', payload: {} } });
    expect(arbitrate('dossier.taken', martin, taken, undefined)).toEqual({ won: true });
    expect(arbitrate('dossier.taken', petit, taken, undefined)).toEqual({ won: false, step: 'take', reason: 'alreadyTaken', holder: { actorId: 'martin', actorRole: 'MRU', at } });
  });

  it('life cycle: a second finish, or a validation an ARM cannot make, loses with the domain’s reason', () => {
    const dr = created('DR');
    expect(arbitrate('dossier.finished', { id: 'arm', role: 'ARM' }, dr, undefined)).toEqual({ won: true });
    const finished = applyDossierEvent(dr, { seq: 2, dossierId: 'd1', at, actor: { id: 'arm', role: 'ARM' }, body: { type: 'dossier.finished', payload: {} } });
    expect(arbitrate('dossier.finished', martin, finished, undefined)).toMatchObject({ won: false, step: 'finish', reason: 'notInThisState' });
    const drm = created('DRM');
    expect(arbitrate('dossier.finished', martin, drm, undefined)).toMatchObject({ won: false, reason: 'needsPhysicianDecision' });
    const decided = { ...drm, decisions: [adviceDecision({ id: 'x', supersedes: null, authorId: 'martin', authorRole: 'MRU' })] };
    const drmFinished = { ...decided, state: 'ACHEVE' as const };
    expect(arbitrate('dossier.validated', { id: 'arm', role: 'ARM' }, drmFinished, undefined)).toMatchObject({ won: false, step: 'validate', reason: 'physicianOnly' });
    expect(arbitrate('dossier.validated', martin, drmFinished, undefined)).toEqual({ won: true });
  });

  it('appointment: one booked appointment per dossier; a callback already done is not claimed again', () => {
    const d = created();
    expect(arbitrate('dossier.appointmentRecorded', { id: 'o', role: 'OSNP' }, d, undefined)).toEqual({ won: true });
    const booked = { ...d, appointments: [{ id: 'a', status: 'BOOKED', authorId: 'o1', authorRole: 'OSNP', recordedAt: at } as unknown as Dossier['appointments'][number]] };
    expect(arbitrate('dossier.appointmentRecorded', { id: 'o2', role: 'OSNP' }, booked, undefined)).toMatchObject({ won: false, step: 'appointment', holder: { actorId: 'o1' } });
    const open = { id: 'c', doneAt: null, attempts: [] } as unknown as Callback;
    const done = { id: 'c', doneAt: at, attempts: [{ at, outcome: 'REACHED', note: null, authorId: 'martin', authorRole: 'MRU' }] } as unknown as Callback;
    expect(arbitrate('callback.attempted', petit, undefined, open)).toEqual({ won: true });
    expect(arbitrate('callback.attempted', petit, undefined, done)).toMatchObject({ won: false, step: 'callback', holder: { actorId: 'martin' } });
  });

  it('field edits are keyed per field (per patient), and HLC text order is time order', () => {
    expect(fieldKey('dossier.priorityChanged', { priority: 'P0' })).toBe('priority');
    expect(fieldKey('dossier.patientUpserted', { patient: { id: 'p1' } })).toBe('patient:p1');
    expect(fieldKey('dossier.noteAdded', { noteId: 'n', text: 't' })).toBeNull();
    expect(isNewerHlc('001764943320000-000001', '001764943320000-000000')).toBe(true);
    expect(isNewerHlc('001764943319999-999999', '001764943320000-000000')).toBe(false);
  });
});

describe('the callback-claim rule (a callback being called back at one desk)', () => {
  const open: Callback = { id: 'cb1', kind: 'LOST_CALL', dossierId: null, phone: null, callId: 'c1', reason: null, createdAt: at, dueAt: null, attempts: [], escalatedAt: null, doneAt: null };
  const claimed: Callback = { ...open, claim: { actorId: 'martin', actorRole: 'ARM', at } };
  const later = (minutes: number) => new Date(Date.parse(at) + minutes * 60_000).toISOString();

  it('the first claim wins; a second operator’s claim while it runs loses, naming the holder', () => {
    expect(arbitrate('callback.claimed', { id: 'martin', role: 'ARM' }, undefined, open, at)).toEqual({ won: true });
    expect(arbitrate('callback.claimed', { id: 'petit', role: 'ARM' }, undefined, claimed, later(1))).toEqual({ won: false, step: 'callback', reason: 'alreadyClaimed', holder: { actorId: 'martin', actorRole: 'ARM', at } });
    expect(arbitrate('callback.claimed', { id: 'martin', role: 'ARM' }, undefined, claimed, later(1))).toEqual({ won: true });
  });

  it('a claim nobody followed with an attempt frees the callback after CLAIM_MINUTES; a done callback cannot be claimed', () => {
    expect(arbitrate('callback.claimed', { id: 'petit', role: 'ARM' }, undefined, claimed, later(CLAIM_MINUTES))).toEqual({ won: true });
    expect(arbitrate('callback.claimed', { id: 'petit', role: 'ARM' }, undefined, { ...open, doneAt: at }, later(1))).toMatchObject({ won: false, reason: 'callbackDone' });
  });

  it('an attempt ends the claim in the fold; the fold takes the last claim in site order', () => {
    const attempted = applyCallbackEvent(claimed, { at: later(2), actor: { id: 'martin', role: 'ARM' }, body: { type: 'callback.attempted', payload: { callbackId: 'cb1', outcome: 'NO_ANSWER', note: null } } });
    expect(attempted.claim).toBeNull();
    const reclaimed = applyCallbackEvent(claimed, { at: later(3), actor: { id: 'petit', role: 'ARM' }, body: { type: 'callback.claimed', payload: { callbackId: 'cb1' } } });
    expect(reclaimed.claim).toEqual({ actorId: 'petit', actorRole: 'ARM', at: later(3) });
    expect(claimHolder(reclaimed, 'petit', later(3))).toBeNull();
    expect(claimHolder(reclaimed, 'martin', later(3))).toEqual(reclaimed.claim);
  });

  it('a wait escalation happens once per room: the first in site order wins, a copy for the same dossier, priority and threshold is a duplicate', () => {
    const escalation = { dossierId: 'd1', queue: 'AMU', priority: 'P2', thresholdMinutes: 20, waitedMinutes: 21 };
    const key = onceInRoomKey('queue.waitEscalated', escalation);
    expect(key).not.toBeNull();
    expect(isRoomDuplicate('queue.waitEscalated', escalation, new Set())).toBe(false);
    const seen = new Set([key!]);
    // Another desk's copy, written a minute later while apart: same occurrence.
    expect(isRoomDuplicate('queue.waitEscalated', { ...escalation, waitedMinutes: 22 }, seen)).toBe(true);
    // The next threshold, another priority or another dossier is another occurrence.
    expect(isRoomDuplicate('queue.waitEscalated', { ...escalation, thresholdMinutes: 40 }, seen)).toBe(false);
    expect(isRoomDuplicate('queue.waitEscalated', { ...escalation, priority: 'P1' }, seen)).toBe(false);
    expect(isRoomDuplicate('queue.waitEscalated', { ...escalation, dossierId: 'd2' }, seen)).toBe(false);
    // Only that event type is once per room; anything else is never a duplicate by this rule.
    expect(onceInRoomKey('dossier.taken', { dossierId: 'd1' })).toBeNull();
    expect(onceInRoomKey('queue.waitEscalated', null)).toBeNull();
    expect(isRoomDuplicate('callback.escalated', escalation, seen)).toBe(false);
  });
});
