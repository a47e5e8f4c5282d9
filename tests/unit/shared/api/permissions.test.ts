import { describe, expect, it } from 'vitest';
import { CHANNELS } from '../../../../shared/api/contract';
import { PERMISSIONS, permissionFor, rolesAllowed } from '../../../../shared/api/permissions';
import { ROLES } from '../../../../shared/domain/roles';

describe('permission table', () => {
  it('has a line for every channel of the contract, and no other', () => {
    expect(Object.keys(PERMISSIONS).sort()).toEqual([...CHANNELS].sort());
  });

  it('asks for a session everywhere except signing in (password or Pro Santé Connect), the workstation identity, the softphone status and media answers', () => {
    const open = CHANNELS.filter((c) => permissionFor(c, null) === 'allowed');
    expect(open.sort()).toEqual(['auth:login', 'auth:pscCancel', 'auth:pscComplete', 'auth:pscStart', 'auth:status', 'auth:unlock', 'media:respond', 'telephony:status', 'workstation:info']);
  });

  it('lets every floor role use the softphone, and only IT or a supervisor set its password', () => {
    expect(rolesAllowed('call:answer')).toEqual(['ARM', 'OSNP', 'MRU', 'MRL', 'SUPERVISEUR']);
    expect(rolesAllowed('telephony:setPassword')).toEqual(['SUPERVISEUR', 'ADMIN']);
  });

  it('lets only physicians write decisions and take dossiers; validation is open to the ARM for a DR, the life cycle keeps a DRM to physicians', () => {
    for (const channel of ['dossier:addDecision', 'dossier:take'] as const) expect(rolesAllowed(channel)).toEqual(['MRU', 'MRL']);
    expect(rolesAllowed('dossier:validate')).toEqual(['ARM', 'MRU', 'MRL']);
    expect(permissionFor('dossier:addDecision', 'ARM')).toBe('forbidden');
    expect(permissionFor('dossier:addDecision', 'OSNP')).toBe('forbidden');
  });

  it('keeps medical data away from ADMIN, who manages accounts', () => {
    for (const channel of ['dossier:get', 'dossier:create', 'queue:list', 'dossier:search', 'dossier:report', 'callback:list'] as const) expect(permissionFor(channel, 'ADMIN')).toBe('forbidden');
    expect(rolesAllowed('operator:create')).toEqual(['ADMIN']);
    expect(permissionFor('journal:status', 'ADMIN')).toBe('allowed');
  });

  it('lets the OSNP and the GP regulator record appointments', () => {
    expect(rolesAllowed('appointment:record')).toEqual(['OSNP', 'MRL']);
  });

  it('answers for every role × channel with one of the three outcomes', () => {
    for (const channel of CHANNELS) for (const role of [...ROLES, null]) expect(['allowed', 'forbidden', 'unauthenticated']).toContain(permissionFor(channel, role));
  });
});
