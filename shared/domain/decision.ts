import type { CodeOf } from './codes';
import type { AuthenticationProof } from './psc';

/**
 * A physician's decision (DOMAIN §4), with the official codes. Each type needs its own fields;
 * a decision is never edited: a new one supersedes it and both stay in the dossier.
 */
export interface Decision {
  id: string;
  type: CodeOf<'typeDecision'>;
  careLevel: CodeOf<'niveauSoin'>;
  /** CONSEIL */
  adviceText: string | null;
  /** PMT */
  prescriptionText: string | null;
  /** INTER */
  resourceType: CodeOf<'typeRessource'> | null;
  /** ORIENT */
  orientationType: CodeOf<'typeOrientation'> | null;
  transport: boolean | null;
  destination: string | null;
  /** PASPLUS */
  reason: string | null;
  /** The decision this one replaces, when it replaces one. */
  supersedes: string | null;
  at: string;
  authorId: string;
  authorRole: string;
  /** How its author was authenticated when signing it; null for decisions journaled before this was recorded. */
  authentication: AuthenticationProof | null;
}

export type DecisionFields = Omit<Decision, 'id' | 'at' | 'authorId' | 'authorRole' | 'authentication'>;

type FieldName = 'adviceText' | 'prescriptionText' | 'resourceType' | 'orientationType' | 'transport' | 'destination' | 'reason';

/** What each decision type requires (DOMAIN §4). */
export const REQUIRED_FIELDS: Record<CodeOf<'typeDecision'>, readonly FieldName[]> = {
  CONSEIL: ['adviceText'],
  PMT: ['prescriptionText'],
  INTER: ['resourceType'],
  ORIENT: ['orientationType', 'transport', 'destination'],
  PASPLUS: ['reason'],
};

const ALL_FIELDS: readonly FieldName[] = ['adviceText', 'prescriptionText', 'resourceType', 'orientationType', 'transport', 'destination', 'reason'];

export type DecisionCheck = { ok: true; fields: DecisionFields } | { ok: false; field: string; reason: 'required' | 'notForThisType' | 'unknownSuperseded' | 'alreadySuperseded' };

const blank = (value: unknown) => value === null || value === undefined || (typeof value === 'string' && value.trim() === '');

/**
 * Checks a decision against its type: every required field present, no field of another type
 * (so that what is stored is exactly what the decision says), and a superseded decision that
 * exists and is still current.
 */
export function checkDecision(input: Partial<DecisionFields> & Pick<DecisionFields, 'type' | 'careLevel'>, existing: readonly Decision[]): DecisionCheck {
  const required = REQUIRED_FIELDS[input.type];
  for (const field of required) if (blank(input[field])) return { ok: false, field, reason: 'required' };
  for (const field of ALL_FIELDS) if (!required.includes(field) && !blank(input[field])) return { ok: false, field, reason: 'notForThisType' };
  const supersedes = input.supersedes ?? null;
  if (supersedes !== null) {
    if (!existing.some((d) => d.id === supersedes)) return { ok: false, field: 'supersedes', reason: 'unknownSuperseded' };
    if (existing.some((d) => d.supersedes === supersedes)) return { ok: false, field: 'supersedes', reason: 'alreadySuperseded' };
  }
  const text = (value: string | null | undefined) => (blank(value) ? null : (value as string).trim());
  return {
    ok: true,
    fields: {
      type: input.type,
      careLevel: input.careLevel,
      adviceText: text(input.adviceText),
      prescriptionText: text(input.prescriptionText),
      resourceType: input.resourceType ?? null,
      orientationType: input.orientationType ?? null,
      transport: required.includes('transport') ? (input.transport ?? null) : null,
      destination: text(input.destination),
      reason: text(input.reason),
      supersedes,
    },
  };
}

/** The decisions in force: those no later decision supersedes. */
export function currentDecisions(decisions: readonly Decision[]): Decision[] {
  const superseded = new Set(decisions.map((d) => d.supersedes).filter((id): id is string => id !== null));
  return decisions.filter((d) => !superseded.has(d.id));
}

/** DOMAIN §4 (SNP): "RDV en ville < 48 h" is an orientation to a practitioner's office. */
export function needsSnpAppointment(decision: Pick<Decision, 'type' | 'orientationType'>): boolean {
  return decision.type === 'ORIENT' && decision.orientationType === 'CABINET';
}

/** How long an identical decision counts as the same signature pressed twice (a double Entrée, a second click). */
export const REPEATED_DECISION_WINDOW_MS = 30_000;

const SAME_FIELDS: readonly (keyof DecisionFields)[] = ['type', 'careLevel', 'adviceText', 'prescriptionText', 'resourceType', 'orientationType', 'transport', 'destination', 'reason', 'supersedes'];

/**
 * A decision identical, field for field, to one signed in this dossier less than
 * `windowMs` ago: a key pressed twice, not a second medical decision. A physician who means it
 * signs again after the window, or writes a decision that differs.
 */
export function isRepeatedDecision(fields: DecisionFields, existing: readonly Decision[], now: number, windowMs = REPEATED_DECISION_WINDOW_MS): boolean {
  return existing.some((d) => now - Date.parse(d.at) < windowMs && SAME_FIELDS.every((f) => (d[f] ?? null) === (fields[f] ?? null)));
}
