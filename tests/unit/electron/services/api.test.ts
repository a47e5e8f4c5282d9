import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { CHANNELS, contract, type Channel } from '../../../../shared/api/contract';
import { dispatch } from '../../../../electron/services/api';
import { createServices, type Services } from '../../../../electron/services/composition';
import { makeTempDir } from '../../../support/tempDir';
import { testConfig } from '../../../support/testConfig';
import { validRequest } from '../../../support/validRequests';
import { signIn, TEST_SCRYPT } from '../../../support/operators';
import { journalFile } from '../../../support/journalFile';

function fieldsOf(channel: Channel): Array<{ key: string; required: boolean }> {
  const schema = contract[channel].request as unknown as z.ZodObject;
  return Object.entries(schema.shape).map(([key, field]) => ({
    key,
    required: !(field as z.ZodType).safeParse(undefined).success,
  }));
}

describe('handler table', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let services: Services;
  const ids = { dossierId: '', callbackId: '0190a000-0000-7000-8000-000000000001' };
  const counts = () => ({
    events: (journalFile(services.journal).prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n,
    outbox: (journalFile(services.journal).prepare('SELECT count(*) AS n FROM outbox').get() as { n: number }).n,
  });

  beforeAll(async () => {
    dir = makeTempDir();
    services = createServices(testConfig(dir.path), { scryptParams: TEST_SCRYPT });
    await signIn(services);
    const created = await dispatch(services.api, 'dossier:create', validRequest('dossier:create', ids));
    if (!created.ok) throw new Error(created.error.message);
    ids.dossierId = (created.value as { id: string }).id;
  });
  afterAll(() => {
    services.close();
    dir.cleanup();
  });

  it('has a handler for every channel of the contract', () => {
    expect(Object.keys(services.api).sort()).toEqual([...CHANNELS].sort());
  });

  it('answers an unknown channel with an envelope, never a throw', async () => {
    await expect(dispatch(services.api, 'fs:readFile', {})).resolves.toMatchObject({ ok: false, error: { code: 'E_UNKNOWN_CHANNEL' } });
    await expect(dispatch(services.api, { toString: null }, {})).resolves.toMatchObject({ ok: false, error: { code: 'E_UNKNOWN_CHANNEL' } });
  });

  it('creates a dossier durably, with the phone in E.164 and a local number', async () => {
    const result = await dispatch(services.api, 'dossier:get', { dossierId: ids.dossierId });
    expect(result).toMatchObject({ ok: true, value: { callerPhone: '+33612345678', priority: 'P1', state: 'ACTIF' } });
    expect((result as { value: { localNumber: string } }).value.localNumber).toMatch(/^DRFR15690\d{5}00001$/);
  });

  it('refuses an impossible phone number at the field, writing nothing', async () => {
    const before = counts();
    const result = await dispatch(services.api, 'dossier:create', { ...validRequest('dossier:create', ids), callerPhone: '12' });
    expect(result).toMatchObject({ ok: false, error: { code: 'E_BAD_REQUEST', field: 'callerPhone' } });
    expect(counts()).toEqual(before);
  });

  describe.each([...CHANNELS])('fuzzing %s', (channel) => {
    const cases: Array<[string, () => unknown, string | undefined]> = [];
    const base = () => validRequest(channel, ids);
    for (const payload of [42, 'text', [], true]) cases.push([`payload ${JSON.stringify(payload)}`, () => payload, undefined]);
    cases.push(['an unknown field', () => ({ ...base(), extra: 1 }), 'extra']);
    cases.push(['a __proto__ key', () => JSON.parse(`{"__proto__": {"polluted": true}, ${JSON.stringify(base()).slice(1, -1) || '"_": 0'}}`.replace(', }', '}')), '__proto__']);
    cases.push(['a constructor.prototype key', () => ({ ...base(), constructor: { prototype: { polluted: true } } }), 'constructor']);
    for (const field of fieldsOf(channel)) {
      cases.push([`${field.key} of the wrong type`, () => ({ ...base(), [field.key]: { nested: [1, 2] } }), field.key]);
      if (field.required) {
        cases.push([`${field.key} missing`, () => { const r = base(); delete r[field.key]; return r; }, field.key]);
      }
      // Every field, enums and ids included, must refuse a 1 MB string.
      cases.push([`${field.key} of 1 MB`, () => ({ ...base(), [field.key]: 'x'.repeat(1024 * 1024) }), field.key]);
    }

    it.each(cases)('%s → E_BAD_REQUEST naming the field, nothing written', async (_name, payload, field) => {
      const before = counts();
      const result = await dispatch(services.api, channel, payload());
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.error.code).toBe('E_BAD_REQUEST');
      if (field) {
        expect(result.error.field?.startsWith(field)).toBe(true);
        expect(result.error.message).toContain(field);
      }
      expect(counts()).toEqual(before);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    });
  });

  it('answers the Hub channels without a Hub configuration: not configured, nothing waiting', async () => {
    expect(await dispatch(services.api, 'hub:status', {})).toMatchObject({ ok: true, value: { configured: false, connected: false, waiting: 0 } });
    // What the Hub refused is the supervisor's to see; SAS appointments are attached by an OSNP.
    expect(await dispatch(services.api, 'hub:inboxProblems', {})).toMatchObject({ ok: false, error: { code: 'E_FORBIDDEN' } });
    await signIn(services, 'SUPERVISEUR');
    expect(await dispatch(services.api, 'hub:inboxProblems', {})).toEqual({ ok: true, value: { total: 0, messages: [] } });
    await signIn(services, 'OSNP');
    expect(await dispatch(services.api, 'sas:attachAppointment', { appointmentId: 'x', dossierId: '0195a3f0-0000-7000-8000-000000000000' })).toMatchObject({ ok: false, error: { code: 'E_NOT_FOUND' } });
    await signIn(services, 'ARM');
  });

  it('keeps serving after the fuzzing', async () => {
    const result = await dispatch(services.api, 'queue:list', {});
    expect(result.ok).toBe(true);
    expect(services.journal.verify().ok).toBe(true);
  });
});
