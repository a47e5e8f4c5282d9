import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../../../electron/services/api';
import { createServices, type Services } from '../../../../../electron/services/composition';
import { OutboxDrain } from '../../../../../electron/services/hub/outboxDrain';
import { EXPIRY_ERROR_CODES } from '../../../../../electron/services/hub/messageKinds';
import { hubClientId } from '../../../../../shared/domain/localNumber';
import type { Dossier } from '../../../../../shared/domain/dossier';
import { makeTempDir } from '../../../../support/tempDir';
import { testConfig } from '../../../../support/testConfig';
import { signIn, TEST_SCRYPT } from '../../../../support/operators';
import { journalShare } from '../../../../support/journalShare';
import { journalFile } from '../../../../support/journalFile';

type Transmission = { seq: number; kind: string; state: string; recipient: string | null; sentAt: string | null; ackedAt: string | null; errorCode: number | null; errorText: string | null };

/**
 * `dossier:transmissions` on a real journal; the real outbox drain moves the rows (its publish
 * port keeps the bytes instead of a broker), receipts and refusals go through its own API.
 */
describe('dossier:transmissions', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let services: Services;
  const clock = Date.parse('2026-11-23T21:00:00.000Z');
  const value = async <T>(channel: string, payload: unknown): Promise<T> => {
    const result = await dispatch(services.api, channel, payload);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  };
  const transmissions = async (dossierId: string) => (await value<{ transmissions: Transmission[] }>('dossier:transmissions', { dossierId })).transmissions;

  beforeEach(async () => {
    dir = makeTempDir();
    services = createServices(testConfig(dir.path, { autoLockMinutes: 240 }), { now: () => clock, scryptParams: TEST_SCRYPT });
    await signIn(services);
  });
  afterEach(() => {
    services.close();
    dir.cleanup();
  });

  it('lists the outbox rows of the dossier only, NEW while nothing left, then SENT, ACKED, FAILED and EXPIRED as the Hub answers', async () => {
    const d = await value<Dossier>('dossier:create', { callerPhone: '06 12 34 56 78', motive: 'Fièvre enfant', priority: 'P2' });
    const other = await value<Dossier>('dossier:create', { callerPhone: '06 12 34 56 79', motive: 'Autre', priority: 'P2' });
    // Nothing is queued until a person shares the dossier; the share is the RS-EDA.
    expect(await transmissions(d.id)).toEqual([]);
    journalShare(services, d.id, 'fr.health.samu440');
    journalShare(services, other.id, 'fr.health.samu440');
    await value('dossier:updateQualification', { dossierId: d.id, filiere: 'SNP', motif: 'M03.14' });
    await value('dossier:setPriority', { dossierId: d.id, priority: 'P3' });

    const before = await transmissions(d.id);
    expect(before.length).toBeGreaterThanOrEqual(3);
    expect(before.every((t) => t.state === 'NEW' && t.sentAt === null && t.ackedAt === null)).toBe(true);
    expect(before[0]!.kind).toBe('RS-EDA');
    expect(before.map((t) => t.seq)).toEqual([...before.map((t) => t.seq)].sort((a, b) => a - b));
    expect((await transmissions(other.id)).every((t) => !before.some((b) => b.seq === t.seq))).toBe(true);

    const published: Buffer[] = [];
    const clientId = hubClientId('690');
    const drain = new OutboxDrain({
      outbox: services.journal.outbox,
      dossiers: services.journal.dossiers,
      clientId,
      timeZone: 'Europe/Paris',
      partners: [{ clientId: 'fr.health.samu440', filieres: ['SNP'] }],
      publish: async (body) => void published.push(body),
      isConnected: () => true,
      now: () => clock + 1000,
    });
    drain.connected();
    await drain.idle();
    drain.kick();
    await drain.idle();
    const sent = await transmissions(d.id);
    expect(sent.every((t) => t.state === 'SENT' && t.recipient === 'fr.health.samu440' && t.sentAt !== null && t.ackedAt === null)).toBe(true);

    const distributionIds = journalFile(services.journal)
      .prepare<[string], string>('SELECT distribution_id FROM outbox WHERE dossier_id = ? ORDER BY event_seq')
      .pluck()
      .all(d.id);
    // Settled by the partner each message went to.
    expect(drain.acknowledge(distributionIds[0]!, 'fr.health.samu440')).toBe('settled');
    expect(drain.refuse(distributionIds[1]!, 'fr.health.samu440', 300, 'patient inconnu chez nous')).toBe('settled');
    expect(drain.refuse(distributionIds[2]!, 'fr.health.samu440', [...EXPIRY_ERROR_CODES][0]!, 'message expiré avant routage')).toBe('settled');
    drain.stop();

    const after = await transmissions(d.id);
    expect(after[0]).toMatchObject({ state: 'ACKED', errorCode: null });
    expect(after[0]!.ackedAt).not.toBeNull();
    expect(after[1]).toMatchObject({ state: 'FAILED', errorCode: 300, errorText: 'patient inconnu chez nous', ackedAt: null });
    expect(after[2]).toMatchObject({ state: 'EXPIRED', errorText: 'message expiré avant routage' });
  });

  it('answers E_NOT_FOUND for an unknown dossier and refuses ADMIN', async () => {
    expect(await dispatch(services.api, 'dossier:transmissions', { dossierId: '0195a3f0-0000-7000-8000-000000000000' })).toMatchObject({ ok: false, error: { code: 'E_NOT_FOUND' } });
    await services.auth.logout();
    await signIn(services, 'ADMIN');
    expect(await dispatch(services.api, 'dossier:transmissions', { dossierId: '0195a3f0-0000-7000-8000-000000000000' })).toMatchObject({ ok: false, error: { code: 'E_FORBIDDEN' } });
  });
});
