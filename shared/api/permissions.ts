import { ROLES, type Role } from '../domain/roles';
import { PERMISSIONS, type Channel } from './contract';

export { PERMISSIONS };
export type { Access } from './access';

export type Permission = 'allowed' | 'unauthenticated' | 'forbidden';

/** The decision for one request: `role` is null when nobody is signed in (or the session is locked). */
export function permissionFor(channel: Channel, role: Role | null): Permission {
  const { who } = PERMISSIONS[channel];
  if (who === 'public') return 'allowed';
  if (role === null) return 'unauthenticated';
  if (who === 'session') return 'allowed';
  return who.includes(role) ? 'allowed' : 'forbidden';
}

/** For the help screen and the tests: the roles allowed on a channel. */
export function rolesAllowed(channel: Channel): Role[] {
  return ROLES.filter((r) => permissionFor(channel, r) === 'allowed');
}
