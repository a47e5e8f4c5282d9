import type { Decision } from '../../shared/domain/decision';

/** A signed CONSEIL decision, the base the domain tests vary one field at a time. */
export function adviceDecision(overrides: Partial<Decision> = {}): Decision {
  return {
    id: 'd1',
    type: 'CONSEIL',
    careLevel: 'R4',
    adviceText: 'a',
    prescriptionText: null,
    resourceType: null,
    orientationType: null,
    transport: null,
    destination: null,
    reason: null,
    supersedes: null,
    at: '2026-11-23T10:00:00.000Z',
    authorId: 'mrl-1',
    authorRole: 'MRL',
    authentication: null,
    ...overrides,
  };
}
