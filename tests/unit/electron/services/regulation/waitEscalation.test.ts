import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../../../electron/services/api';
import { createServices, type Services } from '../../../../../electron/services/composition';
import { journalFile } from '../../../../support/journalFile';
import { signIn, TEST_SCRYPT } from '../../../../support/operators';
import { makeTempDir } from '../../../../support/tempDir';
import { testConfig } from '../../../../support/testConfig';

describe('waiting too long is journaled (issue 13 item 7), on the real journal', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let services: Services;
  let clock: number;
  const open = () =>
    createServices(testConfig(dir.path, { autoLockMinutes: 240, queueLimitsByBranch: { PSY: { P2: 5 } } }), { now: () => clock, scryptParams: TEST_SCRYPT });
  const call = (channel: string, payload: unknown) => dispatch(services.api, channel, payload);
  const escalations = () =>
    journalFile(services.journal)
      .prepare("SELECT dossier_id AS dossierId, json_extract(payload, '$.thresholdMinutes') AS threshold, actor_role AS role FROM events WHERE type = 'queue.waitEscalated' ORDER BY seq")
      .all();
  const routed = async (priority: string, queue?: string) => {
    const created = await call('dossier:create', { callerPhone: '06 12 34 56 78', motive: 'douleur', priority });
    const dossierId = (created as { value: { id: string } }).value.id;
    expect(await call('dossier:route', queue ? { dossierId, queue } : { dossierId })).toMatchObject({ ok: true });
    return dossierId;
  };

  beforeEach(async () => {
    dir = makeTempDir();
    clock = Date.parse('2026-12-06T01:00:00.000Z');
    services = open();
    await signIn(services, 'ARM');
  });
  afterEach(() => {
    services.close();
    dir.cleanup();
  });

  it('once per dossier and threshold, by the system, told to the screens, and not again after a restart', async () => {
    const amu = await routed('P2');
    const pushed: unknown[] = [];
    services.events.subscribe((channel, payload) => channel === 'queue:escalated' && pushed.push(payload));
    clock += 20 * 60_000;
    services.tick();
    expect(escalations()).toEqual([]);
    clock += 60_000;
    services.tick();
    services.tick();
    expect(escalations()).toEqual([{ dossierId: amu, threshold: 20, role: 'SYSTEME' }]);
    expect(pushed).toEqual([{ dossierId: amu, localNumber: expect.any(String), queue: 'AMU', priority: 'P2', thresholdMinutes: 20, waitedMinutes: 21, seq: expect.any(Number) }]);
    services.close();
    services = open();
    services.tick();
    expect(escalations()).toHaveLength(1);
    clock += 20 * 60_000;
    services.tick();
    expect(escalations()).toEqual([
      { dossierId: amu, threshold: 20, role: 'SYSTEME' },
      { dossierId: amu, threshold: 40, role: 'SYSTEME' },
    ]);
  });

  it('the branch × priority limit from the configuration; a dossier a physician took no longer escalates', async () => {
    const psy = await routed('P2', 'PSY');
    const amu = await routed('P2');
    clock += 6 * 60_000;
    services.tick();
    expect(escalations()).toEqual([{ dossierId: psy, threshold: 5, role: 'SYSTEME' }]);
    await signIn(services, 'MRU');
    expect(await call('dossier:take', { queue: 'AMU' })).toMatchObject({ ok: true, value: { id: amu } });
    clock += 60 * 60_000;
    services.tick();
    expect(escalations().map((e) => (e as { dossierId: string }).dossierId)).not.toContain(amu);
  });

  it('a lost call is due after the configured delay, turns late and escalates like the other callbacks', async () => {
    services.close();
    services = createServices(testConfig(dir.path, { autoLockMinutes: 240, lostCallDueMinutes: 10 }), { now: () => clock, scryptParams: TEST_SCRYPT });
    await signIn(services, 'ARM');
    const lost = services.callbacks.addLostCall({ phone: '04 72 11 22 33', presentedAt: '2026-12-06T01:00:00.000Z', callId: 'sip-lost' });
    expect(lost).toMatchObject({ ok: true, value: { kind: 'LOST_CALL', dueAt: '2026-12-06T01:10:00.000Z', late: false } });
    clock += 11 * 60_000;
    services.tick();
    const listed = await call('callback:list', { includeDone: false });
    expect(listed).toMatchObject({ ok: true, value: { entries: [{ kind: 'LOST_CALL', late: true, escalatedAt: '2026-12-06T01:11:00.000Z' }] } });
  });
});
