import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, type Channel } from '../../../../../shared/api/contract';
import { PERMISSIONS, permissionFor } from '../../../../../shared/api/permissions';
import { ROLES, type Role } from '../../../../../shared/domain/roles';
import { dispatch } from '../../../../../electron/services/api';
import { createServices, type Services } from '../../../../../electron/services/composition';
import { makeTempDir } from '../../../../support/tempDir';
import { testConfig } from '../../../../support/testConfig';
import { signIn, TEST_SCRYPT } from '../../../../support/operators';
import { validRequest } from '../../../../support/validRequests';

/**
 * Every role × every channel, generated from the contract: a refused call gets E_FORBIDDEN,
 * writes nothing but the refusal itself (who tried what), and an allowed one is never refused.
 */
describe('permissions enforced by the handler table', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let services: Services;
  const ids = { dossierId: '', callbackId: '' };
  const lastEvents = (since: number) =>
    services.journal.db.prepare<[number], { type: string; actor_role: string; payload: string }>('SELECT type, actor_role, payload FROM events WHERE seq > ? ORDER BY seq').all(since);
  const maxSeq = () => services.journal.db.prepare('SELECT max(seq) FROM events').pluck().get() as number;

  beforeAll(async () => {
    dir = makeTempDir();
    services = createServices(testConfig(dir.path), { scryptParams: TEST_SCRYPT });
    for (const role of ROLES) await signIn(services, role);
    await signIn(services, 'ARM');
    const created = await dispatch(services.api, 'dossier:create', { callerPhone: '0612345678', motive: 'fièvre', priority: 'P3' });
    if (!created.ok) throw new Error(created.error.message);
    ids.dossierId = (created.value as { id: string }).id;
    await dispatch(services.api, 'dossier:route', { dossierId: ids.dossierId, queue: 'SNP' });
    ids.callbackId = ids.dossierId; // the P3 routing opened the dossier's deferred callback
  });
  afterAll(() => {
    services.close();
    dir.cleanup();
  });

  const matrix = ROLES.flatMap((role) => CHANNELS.map((channel) => [role, channel] as [Role, Channel]));
  it.each(matrix)('%s → %s', async (role, channel) => {
    await signIn(services, role);
    const before = maxSeq();
    const result = await dispatch(services.api, channel, validRequest(channel, ids));
    if (permissionFor(channel, role) === 'forbidden') {
      expect(result).toMatchObject({ ok: false, error: { code: 'E_FORBIDDEN' } });
      const written = lastEvents(before);
      expect(written).toHaveLength(1);
      expect(written[0]).toMatchObject({ type: 'security.refused', actor_role: role });
      expect(JSON.parse(written[0]!.payload)).toMatchObject({ channel, code: 'E_FORBIDDEN' });
    } else {
      if (!result.ok) expect(['E_FORBIDDEN', 'E_UNAUTHENTICATED']).not.toContain(result.error.code);
    }
  });

  it.each(CHANNELS.filter((c) => permissionFor(c, null) !== 'allowed'))('nobody signed in → %s gets E_UNAUTHENTICATED', async (channel) => {
    await signIn(services, 'ARM');
    await dispatch(services.api, 'auth:logout', {});
    const before = maxSeq();
    const result = await dispatch(services.api, channel, validRequest(channel, ids));
    expect(result).toMatchObject({ ok: false, error: { code: 'E_UNAUTHENTICATED' } });
    const written = lastEvents(before);
    // A write is journaled as a refusal; a read leaves nothing.
    expect(written.map((e) => e.type)).toEqual(PERMISSIONS[channel].writes ? ['security.refused'] : []);
  });

  it('a locked session is refused like no session, with the locked operator named on a write', async () => {
    await signIn(services, 'MRL');
    await dispatch(services.api, 'auth:lock', {});
    const before = maxSeq();
    const result = await dispatch(services.api, 'dossier:addNote', { dossierId: ids.dossierId, text: 'tentative' });
    expect(result).toMatchObject({ ok: false, error: { code: 'E_UNAUTHENTICATED' } });
    expect(lastEvents(before)).toEqual([expect.objectContaining({ type: 'security.refused', actor_role: 'MRL' })]);
    expect(services.journal.dossiers.get(ids.dossierId)!.notes.map((n) => n.text)).not.toContain('tentative');
  });
});
