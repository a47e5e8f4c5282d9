import { PHYSICIAN_ROLES, type Role } from '../domain/roles';

/**
 * Who may call a channel, written on the channel's own line (channels/*.ts) and checked by the
 * handler table before any service runs, for every request.
 *   'public'  — no session needed (signing in, the workstation's identity);
 *   'session' — any signed-in, unlocked operator;
 *   roles     — only these roles.
 * `writes`: the channel changes the journal; a refused write is journaled (who tried what).
 */
export type Access = { who: 'public' | 'session' | readonly Role[]; writes: boolean };

/** Everyone on the floor. Medical data is for the floor only: ADMIN (IT) manages accounts. */
export const CARE: readonly Role[] = ['ARM', 'OSNP', 'MRU', 'MRL', 'SUPERVISEUR'];
/** Who takes calls and types dossiers. */
export const TAKERS: readonly Role[] = ['ARM', 'MRU', 'MRL'];
/** The physician check is the domain's (roles.ts): only they take, decide and validate. */
export const PHYSICIANS: readonly Role[] = PHYSICIAN_ROLES;

export const read = (who: Access['who']): Access => ({ who, writes: false });
export const write = (who: Access['who']): Access => ({ who, writes: true });
