import { describe, expect, it } from 'vitest';
import { checkDecision, currentDecisions, isRepeatedDecision, needsSnpAppointment, REPEATED_DECISION_WINDOW_MS, REQUIRED_FIELDS, type Decision } from '../../../../shared/domain/decision';
import { adviceDecision } from '../../../support/decisions';
import { officialCodes } from '../../../../shared/domain/codes';

const complete = {
  CONSEIL: { adviceText: 'boire, paracétamol' },
  PMT: { prescriptionText: 'paracétamol 1 g x3' },
  INTER: { resourceType: 'SMUR' },
  ORIENT: { orientationType: 'CABINET', transport: false, destination: 'cabinet du Dr Durand' },
  PASPLUS: { reason: 'appel sans objet médical' },
} as const;

const decision = (id: string, supersedes: string | null = null): Decision => adviceDecision({ id, supersedes });

describe('decisions (DOMAIN §4)', () => {
  it('covers every official decision type', () => {
    expect(Object.keys(REQUIRED_FIELDS).sort()).toEqual([...officialCodes('typeDecision')].sort());
  });

  it.each(Object.entries(complete))('accepts a complete %s', (type, fields) => {
    const result = checkDecision({ type: type as keyof typeof complete, careLevel: 'R3', ...fields }, []);
    expect(result.ok).toBe(true);
    if (result.ok) expect(result.fields).toMatchObject({ type, careLevel: 'R3', ...fields, supersedes: null });
  });

  const missing = Object.entries(REQUIRED_FIELDS).flatMap(([type, fields]) => fields.map((field) => [type, field] as const));
  it.each(missing)('refuses a %s without %s', (type, field) => {
    const fields: Record<string, unknown> = { ...complete[type as keyof typeof complete] };
    delete fields[field];
    expect(checkDecision({ type: type as keyof typeof complete, careLevel: 'R3', ...fields }, [])).toEqual({ ok: false, field, reason: 'required' });
    // Blank text is as missing as no text.
    if (typeof complete[type as keyof typeof complete][field as never] === 'string') {
      expect(checkDecision({ type: type as keyof typeof complete, careLevel: 'R3', ...fields, [field]: '   ' }, [])).toEqual({ ok: false, field, reason: 'required' });
    }
  });

  it('keeps transport "no" (false) as an answer, not as missing', () => {
    expect(checkDecision({ type: 'ORIENT', careLevel: 'R3', ...complete.ORIENT, transport: false }, []).ok).toBe(true);
  });

  it('refuses a field that belongs to another type', () => {
    expect(checkDecision({ type: 'CONSEIL', careLevel: 'R4', adviceText: 'x', resourceType: 'SMUR' }, [])).toEqual({ ok: false, field: 'resourceType', reason: 'notForThisType' });
    expect(checkDecision({ type: 'INTER', careLevel: 'R1', resourceType: 'SMUR', transport: true }, [])).toEqual({ ok: false, field: 'transport', reason: 'notForThisType' });
  });

  it('supersedes only an existing decision still in force', () => {
    const first = decision('d1');
    expect(checkDecision({ type: 'CONSEIL', careLevel: 'R4', adviceText: 'b', supersedes: 'nope' }, [first])).toEqual({ ok: false, field: 'supersedes', reason: 'unknownSuperseded' });
    expect(checkDecision({ type: 'CONSEIL', careLevel: 'R4', adviceText: 'b', supersedes: 'd1' }, [first]).ok).toBe(true);
    expect(checkDecision({ type: 'CONSEIL', careLevel: 'R4', adviceText: 'c', supersedes: 'd1' }, [first, decision('d2', 'd1')])).toEqual({ ok: false, field: 'supersedes', reason: 'alreadySuperseded' });
  });

  it('lists the decisions in force: both stay, the superseded one is not current', () => {
    const all = [decision('d1'), decision('d2', 'd1'), decision('d3')];
    expect(currentDecisions(all).map((d) => d.id)).toEqual(['d2', 'd3']);
  });

  it('recognises "RDV en ville < 48 h" as ORIENT + CABINET only', () => {
    expect(needsSnpAppointment({ type: 'ORIENT', orientationType: 'CABINET' })).toBe(true);
    expect(needsSnpAppointment({ type: 'ORIENT', orientationType: 'URGENCES' })).toBe(false);
    expect(needsSnpAppointment({ type: 'CONSEIL', orientationType: null })).toBe(false);
  });

  it('an identical decision within the window is a repeat; another field, a supersession or a later time is not', () => {
    const signed = adviceDecision({ at: '2026-11-23T10:00:00.000Z' });
    const { id: _id, at: _at, authorId: _a, authorRole: _r, ...fields } = signed;
    const t0 = Date.parse(signed.at);
    expect(isRepeatedDecision(fields, [signed], t0 + 5_000)).toBe(true);
    expect(isRepeatedDecision(fields, [signed], t0 + REPEATED_DECISION_WINDOW_MS)).toBe(false);
    expect(isRepeatedDecision({ ...fields, careLevel: 'R3' }, [signed], t0 + 5_000)).toBe(false);
    expect(isRepeatedDecision({ ...fields, adviceText: 'b' }, [signed], t0 + 5_000)).toBe(false);
    expect(isRepeatedDecision({ ...fields, supersedes: 'd1' }, [signed], t0 + 5_000)).toBe(false);
    expect(isRepeatedDecision(fields, [], t0)).toBe(false);
  });
});
