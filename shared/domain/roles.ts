/**
 * Who works on the regulation floor (DOMAIN §1). A physician role (MRU urgentist, MRL general
 * practitioner) is the only one that may write a medical decision.
 */
export const ROLES = ['ARM', 'OSNP', 'MRU', 'MRL', 'SUPERVISEUR', 'ADMIN'] as const;
export type Role = (typeof ROLES)[number];

export const PHYSICIAN_ROLES = ['MRU', 'MRL'] as const satisfies readonly Role[];

export function isPhysician(role: string): role is (typeof PHYSICIAN_ROLES)[number] {
  return (PHYSICIAN_ROLES as readonly string[]).includes(role);
}

export function isRole(value: string): value is Role {
  return (ROLES as readonly string[]).includes(value);
}

/** The author of automatic transitions (life-cycle tick, escalations): never a person. */
export const SYSTEM_ACTOR = { id: 'systeme', role: 'SYSTEME' } as const;

/** Failed password attempts in a row before the account is locked out for a while. */
export const MAX_FAILED_LOGINS = 5;
