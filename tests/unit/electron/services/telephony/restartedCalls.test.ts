import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createServices, type Services } from '../../../../../electron/services/composition';
import { FakeMediaPort } from '../../../../../electron/services/telephony/fakeMediaPort';
import { MemorySecretStore } from '../../../../../electron/services/telephony/secretStore';
import { SYSTEM_ACTOR } from '../../../../../shared/domain/roles';
import { makeTempDir } from '../../../../support/tempDir';
import { testConfig } from '../../../../support/testConfig';

/**
 * A call the journal still has as under way when the services start again (the previous run was
 * killed mid-call): it is ended by the system and, never answered, goes to the callback list.
 */
describe('calls cut by a restart', () => {
  const dir = makeTempDir('plateau-restart-calls-');
  let services: Services | null = null;
  afterAll(() => dir.cleanup());
  afterEach(async () => {
    await services?.stopTelephony();
    await services?.close();
    services = null;
  });

  // Nothing listens on port 9 of loopback: the user agent fails to connect, which is all we need.
  const telephony = { serverUrl: 'ws://127.0.0.1:9', aor: 'sip:arm9@127.0.0.1', authUser: 'arm9', displayName: 'ARM 9' };
  const open = () => createServices(testConfig(join(dir.path, 'j'), { telephony } as never), { media: new FakeMediaPort(), secrets: new MemorySecretStore({ 'sip-password:sip:arm9@127.0.0.1': 'x' }), startTelephony: false });

  it('ends each unfinished call once, by the system, and puts the unanswered inbound one in the callback list', async () => {
    services = open();
    const presented = (callId: string, direction: 'inbound' | 'outbound') => ({
      type: 'call.presented' as const,
      payload: { callId, sipCallId: `sip-${callId}`, direction, remoteNumber: '+33612345678', remoteName: null, dossierId: null },
    });
    services.journal.command((ctx) => {
      ctx.append({ dossierId: null, actor: SYSTEM_ACTOR, body: presented('0195a3f0-0000-7000-8000-0000000000d1', 'inbound') });
      ctx.append({ dossierId: null, actor: SYSTEM_ACTOR, body: presented('0195a3f0-0000-7000-8000-0000000000d2', 'inbound') });
      ctx.append({ dossierId: null, actor: SYSTEM_ACTOR, body: { type: 'call.answered', payload: { callId: '0195a3f0-0000-7000-8000-0000000000d2' } } });
    });
    await services.close();

    services = open();
    await services.telephony!.start();
    const ringing = services.journal.calls.get('0195a3f0-0000-7000-8000-0000000000d1')!;
    const talking = services.journal.calls.get('0195a3f0-0000-7000-8000-0000000000d2')!;
    expect(ringing).toMatchObject({ state: 'ended', endedBy: 'system', answeredAt: null });
    expect(talking).toMatchObject({ state: 'ended', endedBy: 'system' });
    expect(talking.answeredAt).not.toBeNull();
    expect(services.journal.calls.unfinished()).toEqual([]);
    const callbacks = services.journal.callbacks.list(false);
    expect(callbacks.filter((c) => c.kind === 'LOST_CALL').map((c) => c.callId)).toEqual([ringing.id]);
    expect(services.journal.verify().ok).toBe(true);

    // A second start closes nothing more.
    const events = services.journal.verify().events;
    await services.stopTelephony();
    await services.close();
    services = open();
    await services.telephony!.start();
    expect(services.journal.verify().events).toBe(events);
  });

  it('leaves alone a call of another post of the room (pulled from the site): only this post’s calls died with its restart', async () => {
    services = open();
    const other = '0195a3f0-0000-7000-8000-0000000000e1';
    const payload = { callId: other, sipCallId: `sip-${other}`, direction: 'inbound', remoteNumber: '+33612345679', remoteName: null, dossierId: null };
    services.journal.applyRemote(
      [
        {
          pos: 1,
          outcome: 'applied',
          id: '0195a3f0-0000-7000-8000-0000000000f1',
          site: '690',
          workstation: 'arm-02',
          dossierId: null,
          type: 'call.presented',
          payload: JSON.stringify(payload),
          actorId: SYSTEM_ACTOR.id,
          actorRole: SYSTEM_ACTOR.role,
          at: new Date().toISOString(),
          hlc: `${String(Date.now()).padStart(15, '0')}-000000`,
          corrects: null,
        },
      ],
      'this-post',
    );
    const before = services.journal.calls.get(other)!.state;
    expect(before).not.toBe('ended');
    await services.close();

    services = open();
    await services.telephony!.start();
    // Still under way here: its own post ends it, and its end reaches this desk through the site.
    expect(services.journal.calls.get(other)!.state).toBe(before);
    expect(services.journal.callbacks.list(false).filter((c) => c.callId === other)).toEqual([]);
  });
});
