import type { Channel } from '../api/contract';
import { ROLES, type Role } from './roles';

/**
 * Who may call what: one line per channel of the contract (a new channel without its line fails
 * the type-check). Checked by the handler table before any service runs, for every request.
 *   'public'  — no session needed (signing in, the workstation's identity);
 *   'session' — any signed-in, unlocked operator;
 *   roles     — only these roles.
 * `writes`: the channel changes the journal; a refused write is journaled (who tried what).
 */
export type Access = { who: 'public' | 'session' | readonly Role[]; writes: boolean };

const CARE: readonly Role[] = ['ARM', 'OSNP', 'MRU', 'MRL', 'SUPERVISEUR'];
const TAKERS: readonly Role[] = ['ARM', 'MRU', 'MRL'];
const PHYSICIANS: readonly Role[] = ['MRU', 'MRL'];

const read = (who: Access['who']): Access => ({ who, writes: false });
const write = (who: Access['who']): Access => ({ who, writes: true });

export const PERMISSIONS = {
  // Medical data is for the floor only: ADMIN (IT) manages accounts and sees the journal's health.
  'dossier:create': write(TAKERS),
  'dossier:setPriority': write([...TAKERS, 'SUPERVISEUR']),
  'dossier:get': read(CARE),
  'dossier:updateCaller': write(TAKERS),
  'dossier:upsertPatient': write(TAKERS),
  'dossier:updateQualification': write(TAKERS),
  'dossier:addNote': write(['ARM', 'OSNP', 'MRU', 'MRL']),
  'dossier:link': write(TAKERS),
  'dossier:callerHistory': read(CARE),
  'dossier:route': write([...TAKERS, 'SUPERVISEUR']),
  'dossier:setLocation': write(TAKERS),
  'dossier:search': read(CARE),
  'address:search': read(CARE),
  'queue:list': read(CARE),
  'journal:status': read('session'),
  'workstation:info': read('public'),
  'auth:status': read('public'),
  'auth:login': write('public'),
  'auth:lock': write('session'),
  'auth:unlock': write('public'),
  'auth:logout': write('session'),
  'operator:create': write(['ADMIN']),
  'operator:list': read(['ADMIN', 'SUPERVISEUR']),
  'operator:deactivate': write(['ADMIN']),
  'operator:resetPassword': write(['ADMIN']),
  'dossier:take': write(PHYSICIANS),
  'dossier:addDecision': write(PHYSICIANS),
  // Interlock (lifecycle.ts): a DRM needs a physician's decision before anyone finishes it.
  'dossier:finish': write(TAKERS),
  'dossier:validate': write(PHYSICIANS),
  'dossier:report': read(['MRU', 'MRL', 'SUPERVISEUR']),
  'dossier:reportPdf': read(['MRU', 'MRL', 'SUPERVISEUR']),
  'appointment:record': write(['OSNP', 'MRL']),
  'osnp:list': read(['OSNP', 'MRL', 'SUPERVISEUR']),
  'callback:list': read(CARE),
  'callback:recordAttempt': write(['ARM', 'OSNP', 'MRU', 'MRL', 'SUPERVISEUR']),
  'callback:request': write(TAKERS),
  // The softphone: every floor operator answers and places calls; each step is journaled.
  'call:list': read(CARE),
  'call:answer': write(CARE),
  'call:hangup': write(CARE),
  'call:hold': write(CARE),
  'call:resume': write(CARE),
  'call:dtmf': write(CARE),
  'call:transfer': write(CARE),
  'call:place': write(CARE),
  'call:attach': write(CARE),
  'call:lost': read(CARE),
  'call:extensions': read(CARE),
  // Registration health carries no personal data: shown on the sign-in screen too.
  'telephony:status': read('public'),
  // The position's SIP secret is IT's (or the supervisor's) to set, never a call-taker's.
  'telephony:setPassword': write(['ADMIN', 'SUPERVISEUR']),
  // The renderer's SDP for a call already under way (a far-end re-INVITE can come while the
  // position is locked): only a pending request id is accepted, and the sender is checked.
  'media:respond': read('public'),
  // Hub Santé: everyone on the floor sees whether the exchange works; what it refused (messages
  // as received, with patient data) is for the supervisor; SAS appointments for who books them.
  'hub:status': read('session'),
  'hub:inboxProblems': read(['SUPERVISEUR']),
  'sas:appointmentsToAttach': read(['OSNP', 'MRL', 'SUPERVISEUR']),
  'sas:attachAppointment': write(['OSNP', 'MRL']),
  // Whether each message of a dossier reached its partner: for whoever works on the dossier.
  'dossier:transmissions': read(CARE),
} as const satisfies Record<Channel, Access>;

export type Permission = 'allowed' | 'unauthenticated' | 'forbidden';

/** The decision for one request: `role` is null when nobody is signed in (or the session is locked). */
export function permissionFor(channel: Channel, role: Role | null): Permission {
  const { who } = PERMISSIONS[channel] as Access;
  if (who === 'public') return 'allowed';
  if (role === null) return 'unauthenticated';
  if (who === 'session') return 'allowed';
  return who.includes(role) ? 'allowed' : 'forbidden';
}

/** For the help screen and the tests: the roles allowed on a channel. */
export function rolesAllowed(channel: Channel): Role[] {
  return ROLES.filter((r) => permissionFor(channel, r) === 'allowed');
}
