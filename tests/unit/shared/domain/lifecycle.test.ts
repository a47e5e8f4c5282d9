import { describe, expect, it } from 'vitest';
import type { Decision } from '../../../../shared/domain/decision';
import { DOSSIER_STATES, type DossierState } from '../../../../shared/domain/dossier';
import { addMonthsUtc, ARCHIVE_AFTER_MONTHS, checkAction, CLOSE_AFTER_VALIDATION_MS, dueTransition, hasPhysicianDecision, isClosed, programmedState, stateAfter, type DossierAction, type ProgramSubject } from '../../../../shared/domain/lifecycle';
import { adviceDecision } from '../../../support/decisions';
import { ROLES } from '../../../../shared/domain/roles';

const decision = (authorRole: string, id = 'd1', supersedes: string | null = null): Decision => adviceDecision({ id, supersedes, authorId: 'x', authorRole });

const ACTIONS: DossierAction[] = ['edit', 'note', 'decision', 'appointment', 'take', 'finish', 'validate', 'share', 'attachCall', 'partnerUpdate'];

/** The whole table, written out: what each state accepts (a physician acting on a DR, where no interlock applies). */
const EXPECTED: Record<DossierState, DossierAction[]> = {
  PROGRAM: ['edit', 'note', 'decision', 'appointment', 'take', 'share', 'attachCall', 'partnerUpdate'],
  ACTIF: ['edit', 'note', 'decision', 'appointment', 'take', 'finish', 'share', 'attachCall', 'partnerUpdate'],
  ACHEVE: ['edit', 'note', 'decision', 'appointment', 'validate', 'share', 'attachCall', 'partnerUpdate'],
  // A call back about it, a partner's update (kept beside ours) and a share may still come.
  VALIDE: ['note', 'appointment', 'share', 'attachCall', 'partnerUpdate'],
  CLOTURE: [],
  CLASSE: [],
  ARCHIVE: [],
};

describe('life cycle (DOMAIN §5)', () => {
  it.each(DOSSIER_STATES.flatMap((state) => ACTIONS.map((action) => [state, action] as const)))('%s × %s', (state, action) => {
    const result = checkAction({ kind: 'DR', state, decisions: [] }, action, 'MRU');
    expect(result.ok).toBe(EXPECTED[state].includes(action));
    if (!result.ok) expect(result.reason).toBe(isClosed(state) ? 'closed' : 'notInThisState');
  });

  it('manual transitions: finish → ACHEVE, validate → VALIDE', () => {
    expect(stateAfter('finish')).toBe('ACHEVE');
    expect(stateAfter('validate')).toBe('VALIDE');
  });

  it('closes 24 h after validation, not a millisecond before', () => {
    const validatedAt = '2026-11-23T10:00:00.000Z';
    const at = Date.parse(validatedAt);
    expect(dueTransition({ state: 'VALIDE', validatedAt, closedAt: null }, at + CLOSE_AFTER_VALIDATION_MS - 1)).toBeNull();
    expect(dueTransition({ state: 'VALIDE', validatedAt, closedAt: null }, at + CLOSE_AFTER_VALIDATION_MS)).toBe('close');
  });

  it('classifies 3 calendar months after closing', () => {
    const closedAt = '2026-11-30T08:00:00.000Z';
    const due = addMonthsUtc(Date.parse(closedAt), 3);
    expect(new Date(due).toISOString()).toBe('2027-02-28T08:00:00.000Z');
    expect(dueTransition({ state: 'CLOTURE', validatedAt: '2026-11-29T08:00:00.000Z', closedAt }, due - 1)).toBeNull();
    expect(dueTransition({ state: 'CLOTURE', validatedAt: '2026-11-29T08:00:00.000Z', closedAt }, due)).toBe('classify');
  });

  it('archives 12 calendar months after classifying (issue 13 §5: ARCHIVE is reached)', () => {
    const classifiedAt = '2027-02-28T08:00:00.000Z';
    const due = addMonthsUtc(Date.parse(classifiedAt), ARCHIVE_AFTER_MONTHS);
    expect(new Date(due).toISOString()).toBe('2028-02-28T08:00:00.000Z');
    const subject = { state: 'CLASSE' as const, validatedAt: '2026-11-29T08:00:00.000Z', closedAt: '2026-11-30T08:00:00.000Z', classifiedAt };
    expect(dueTransition(subject, due - 1)).toBeNull();
    expect(dueTransition(subject, due)).toBe('archive');
  });

  it.each(DOSSIER_STATES.filter((s) => s !== 'VALIDE' && s !== 'CLOTURE' && s !== 'CLASSE'))('has no automatic transition from %s', (state) => {
    expect(dueTransition({ state, validatedAt: '2020-01-01T00:00:00.000Z', closedAt: '2020-01-01T00:00:00.000Z', classifiedAt: '2020-01-01T00:00:00.000Z' }, Date.parse('2030-01-01T00:00:00.000Z'))).toBeNull();
  });

  it('adds months in UTC across a leap year and a year end', () => {
    expect(new Date(addMonthsUtc(Date.parse('2027-11-30T00:00:00.000Z'), 3)).toISOString()).toBe('2028-02-29T00:00:00.000Z');
    expect(new Date(addMonthsUtc(Date.parse('2026-10-15T12:00:00.000Z'), 3)).toISOString()).toBe('2027-01-15T12:00:00.000Z');
  });
});

describe('interlock: no closing a DRM without a physician (DOMAIN §8.2)', () => {
  it.each(ROLES)('%s cannot finish a DRM that has no decision', (role) => {
    expect(checkAction({ kind: 'DRM', state: 'ACTIF', decisions: [] }, 'finish', role)).toEqual({ ok: false, reason: 'needsPhysicianDecision' });
  });

  it.each(ROLES)('%s can finish a DRM once a physician decided', (role) => {
    expect(checkAction({ kind: 'DRM', state: 'ACTIF', decisions: [decision('MRL')] }, 'finish', role)).toEqual({ ok: true });
  });

  it('a DR (non-medical) can be finished by the ARM alone', () => {
    expect(checkAction({ kind: 'DR', state: 'ACTIF', decisions: [] }, 'finish', 'ARM')).toEqual({ ok: true });
  });

  it('only a decision in force by a physician counts', () => {
    expect(hasPhysicianDecision([decision('ARM')])).toBe(false);
    expect(hasPhysicianDecision([decision('MRU')])).toBe(true);
    expect(hasPhysicianDecision([decision('MRU', 'd1'), decision('ARM', 'd2', 'd1')])).toBe(false);
  });

  it.each(ROLES)('validating a DRM: %s', (role) => {
    const result = checkAction({ kind: 'DRM', state: 'ACHEVE', decisions: [decision('MRU')] }, 'validate', role);
    expect(result).toEqual(role === 'MRU' || role === 'MRL' ? { ok: true } : { ok: false, reason: 'physicianOnly' });
  });
});

describe('PROGRAM: a P3 deferred regulation is scheduled until its callback is made (DOMAIN §5)', () => {
  const p3: ProgramSubject = { state: 'ACTIF', routing: 'deferredCallback', regulator: null, decisions: [] };
  it('routed as a deferred callback and not called back yet: PROGRAM', () => expect(programmedState(p3, false)).toBe('PROGRAM'));
  it('the callback made (caller reached): ACTIF again', () => expect(programmedState(p3, true)).toBe('ACTIF'));
  it('a physician took it, or decided (the callback is being made): ACTIF', () => {
    expect(programmedState({ ...p3, regulator: { id: 'mrl' } }, false)).toBe('ACTIF');
    expect(programmedState({ ...p3, decisions: [decision('MRL')] }, false)).toBe('ACTIF');
  });
  it('a decision not signed by a physician does not count (only a physician makes the medical callback)', () => {
    expect(programmedState({ ...p3, decisions: [decision('ARM')] }, false)).toBe('PROGRAM');
  });
  it.each(['queue', 'accompaniedTransfer', null] as const)('routed %s: never PROGRAM', (routing) => expect(programmedState({ ...p3, routing }, false)).toBe('ACTIF'));
  it.each(DOSSIER_STATES.filter((s) => s !== 'ACTIF'))('a dossier %s keeps its state', (state) => expect(programmedState({ ...p3, state }, false)).toBe(state));
});
