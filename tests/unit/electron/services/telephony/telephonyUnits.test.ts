import { describe, expect, it } from 'vitest';
import { callerNumber, resolveTarget } from '../../../../../electron/services/telephony/dialPlan';
import { backoffDelay, ReconnectLoop } from '../../../../../electron/services/telephony/reconnectLoop';
import { RendererMediaPort, type MediaRequest } from '../../../../../electron/services/telephony/rendererMediaPort';
import { telephonyConfigSchema } from '../../../../../electron/services/telephony/telephonyConfig';

const base = { serverUrl: 'wss://sip.samu69.example/ws', aor: 'sip:arm1@samu69.example', authUser: 'arm1', displayName: 'ARM 1' };

describe('telephony configuration', () => {
  it('takes IT’s directory of frequent numbers, each one a number the dial field accepts, and names the one it refuses', () => {
    const directory = [
      { label: 'SMUR Lyon Sud', number: '04 78 86 15 15', kind: 'SMUR' },
      { label: 'Police', number: '17', kind: 'POLICE' },
      { label: 'SAMU 38 (partenaire)', number: '+33 4 76 00 00 15', kind: 'PARTNER' },
      { label: 'Régulation PDSA', number: '3100', kind: 'OTHER' },
    ];
    expect(telephonyConfigSchema.parse({ ...base, directory }).directory).toHaveLength(4);
    expect(telephonyConfigSchema.parse(base).directory).toEqual([]);
    const letters = telephonyConfigSchema.safeParse({ ...base, directory: [...directory, { label: 'Hôpital', number: 'HEH accueil', kind: 'HOSPITAL' }] });
    expect(letters.success).toBe(false);
    expect(letters.error?.issues[0]?.path).toEqual(['directory', 4, 'number']);
    expect(telephonyConfigSchema.safeParse({ ...base, directory: [{ label: 'x', number: '17', kind: 'ALIEN' }] }).success).toBe(false);
  });

  it('dials a short number through the outside line, and refuses one that is not', () => {
    const config = telephonyConfigSchema.parse({ ...base, extensions: { externalPrefix: '0' } });
    expect(resolveTarget(config, { kind: 'short', number: '112' })).toMatchObject({ ok: true, uri: 'sip:0112@samu69.example', label: '112' });
    expect(resolveTarget(config, { kind: 'short', number: '999' })).toMatchObject({ ok: false, field: 'target.number' });
  });

  it('accepts wss:// anywhere and ws:// towards loopback only', () => {
    expect(telephonyConfigSchema.safeParse(base).success).toBe(true);
    expect(telephonyConfigSchema.safeParse({ ...base, serverUrl: 'ws://127.0.0.1:8080' }).success).toBe(true);
    expect(telephonyConfigSchema.safeParse({ ...base, serverUrl: 'ws://localhost:8080/ws' }).success).toBe(true);
    const remote = telephonyConfigSchema.safeParse({ ...base, serverUrl: 'ws://sip.samu69.example/ws' });
    expect(remote.success).toBe(false);
    expect(remote.error?.issues[0]?.message).toMatch(/only allowed towards 127\.0\.0\.1/);
    expect(telephonyConfigSchema.safeParse({ ...base, serverUrl: 'https://sip.samu69.example' }).success).toBe(false);
  });

  it('keeps the registration refresh between 50 and 80 % of the expiry (sip.js defaults to 99 %)', () => {
    expect(telephonyConfigSchema.parse(base).refreshPercent).toBe(65);
    expect(telephonyConfigSchema.safeParse({ ...base, refreshPercent: 99 }).success).toBe(false);
    expect(telephonyConfigSchema.safeParse({ ...base, refreshPercent: 40 }).success).toBe(false);
  });

  it('has no password field: the password lives in the SecretStore', () => {
    expect(telephonyConfigSchema.safeParse({ ...base, password: 'x' }).success).toBe(false);
  });
});

describe('dial plan', () => {
  const config = telephonyConfigSchema.parse({ ...base, extensions: { regulators: [{ extension: '201', label: 'Dr A' }], queues: { SNP: '3100' }, externalPrefix: '0' } });

  it('resolves an extension, a branch queue and an external number (E.164 → national after the prefix)', () => {
    expect(resolveTarget(config, { kind: 'extension', extension: '201' })).toEqual({ ok: true, uri: 'sip:201@samu69.example', label: '201' });
    expect(resolveTarget(config, { kind: 'queue', queue: 'SNP' })).toEqual({ ok: true, uri: 'sip:3100@samu69.example', label: 'SNP' });
    expect(resolveTarget(config, { kind: 'external', number: '06 12 34 56 78' })).toEqual({ ok: true, uri: 'sip:00612345678@samu69.example', label: '+33612345678' });
    expect(resolveTarget(config, { kind: 'external', number: '+262 692 12 34 56' })).toMatchObject({ ok: true, uri: 'sip:000262692123456@samu69.example' });
  });

  it('refuses a queue without an extension and a number that is not one, naming the field', () => {
    expect(resolveTarget(config, { kind: 'queue', queue: 'AMU' })).toMatchObject({ ok: false, field: 'target.queue' });
    expect(resolveTarget(config, { kind: 'external', number: '12' })).toMatchObject({ ok: false, field: 'target.number' });
  });

  it('reads the caller number as E.164, keeps extensions, and withholds anonymous callers', () => {
    expect(callerNumber('0612345678', '')).toBe('+33612345678');
    expect(callerNumber('00612345678', '0')).toBe('+33612345678');
    expect(callerNumber('+33478000000', '0')).toBe('+33478000000');
    expect(callerNumber('201', '0')).toBe('201');
    expect(callerNumber('anonymous', '')).toBeNull();
    expect(callerNumber(undefined, '')).toBeNull();
  });
});

describe('reconnect back-off', () => {
  const options = { minMs: 250, maxMs: 1500, jitter: 0.2 };

  it('doubles from the minimum, caps, and jitters within ±20 %', () => {
    expect([0, 1, 2, 3, 4, 10].map((n) => backoffDelay(n, options, () => 0.5))).toEqual([250, 500, 1000, 1500, 1500, 1500]);
    expect(backoffDelay(0, options, () => 0)).toBe(200);
    expect(backoffDelay(10, options, () => 0.999999)).toBe(1800);
  });

  it('retries until an attempt succeeds, one attempt at a time', async () => {
    let calls = 0;
    let concurrent = 0;
    let maxConcurrent = 0;
    const done = new Promise<void>((resolve) => {
      const loop = new ReconnectLoop(
        async () => {
          calls++;
          concurrent++;
          maxConcurrent = Math.max(maxConcurrent, concurrent);
          await new Promise((r) => setTimeout(r, 5));
          concurrent--;
          if (calls < 3) throw new Error('refused');
          resolve();
        },
        { minMs: 5, maxMs: 20, jitter: 0 },
      );
      loop.kick();
      loop.kick();
    });
    await done;
    expect(calls).toBe(3);
    expect(maxConcurrent).toBe(1);
  });
});

describe('renderer media bridge', () => {
  it('forwards a request as an event and resolves with the renderer answer', async () => {
    const pushed: MediaRequest[] = [];
    const port = new RendererMediaPort((r) => pushed.push(r), 1000);
    const answer = port.getDescription('call-1', { hold: true });
    expect(pushed).toEqual([expect.objectContaining({ callId: 'call-1', op: 'getDescription', hold: true, sdp: null })]);
    expect(port.respond({ requestId: pushed[0]!.requestId, sdp: 'v=0\r\n' })).toBe(true);
    await expect(answer).resolves.toBe('v=0\r\n');
    // A late or unknown answer is refused, not applied.
    expect(port.respond({ requestId: pushed[0]!.requestId, sdp: 'v=0\r\n' })).toBe(false);
  });

  it('fails a request the renderer never answers, and one it refuses', async () => {
    const pushed: MediaRequest[] = [];
    const port = new RendererMediaPort((r) => pushed.push(r), 50);
    await expect(port.setDescription('call-1', 'v=0')).rejects.toThrow(/no answer from the renderer within 50 ms/);
    expect(port.waiting).toBe(0);
    const refused = port.getDescription('call-2', { hold: false });
    port.respond({ requestId: pushed[1]!.requestId, error: 'NotAllowedError: microphone' });
    await expect(refused).rejects.toThrow(/microphone/);
  });
});
