import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Channel, EventChannel } from '../../../shared/api/contract';
import type { Envelope } from '../../../shared/api/envelope';
import type { Call } from '../../../shared/domain/callState';
import { dispatch } from '../../../electron/services/api';
import { createServices, type Services } from '../../../electron/services/composition';
import { signIn } from '../operators';
import { FakeMediaPort } from '../../../electron/services/telephony/fakeMediaPort';
import type { MediaPort } from '../../../electron/services/telephony/mediaPort';
import { MemorySecretStore } from '../../../electron/services/telephony/secretStore';
import { sipSecretKey } from '../../../electron/services/telephony/telephonyConfig';
import { makeTempDir } from '../tempDir';
import { testConfig } from '../testConfig';
import { TEST_SIP_PASSWORD, waitFor, type Kamailio } from './peers';
import { journalFile } from '../journalFile';

export interface Phone {
  services: Services;
  media: FakeMediaPort;
  events: Array<{ channel: EventChannel; payload: unknown }>;
  dir: string;
  api<T = unknown>(channel: Channel, payload?: unknown): Promise<Envelope<T>>;
  /** The value of a successful call, or a thrown error with the envelope's message. */
  must<T = Call>(channel: Channel, payload?: unknown): Promise<T>;
  /** A live call matching `pred` (call:list). */
  liveCall(pred: (c: Call) => boolean, timeoutMs?: number): Promise<Call>;
  /** A call in the log (calls projection) matching `pred`. */
  loggedCall(id: string, pred: (c: Call) => boolean, timeoutMs?: number): Promise<Call>;
  eventTypes(callId: string): string[];
  registered(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface PhoneOptions {
  user?: string;
  password?: string | null;
  autoAnswer?: boolean;
  media?: MediaPort | 'renderer';
  mediaTimeoutMs?: number;
  expiresSeconds?: number;
  /** Session refresh period (default 0: the SIPp scenarios do not expect refresh re-INVITEs). */
  sessionRefreshSeconds?: number;
  /** Write the SIP trace to <dir>/sip.log (default true; the benchmark turns it off). */
  trace?: boolean;
  sipTrace?: (direction: 'in' | 'out', message: string) => void;
}

/** A whole set of services (journal, handler table, softphone) registered on the test Kamailio. */
export async function startPhone(kamailio: Kamailio, options: PhoneOptions = {}): Promise<Phone> {
  const user = options.user ?? 'arm1';
  const tmp = makeTempDir('plateau-sip-');
  const telephony = {
    serverUrl: kamailio.wsUrl,
    aor: `sip:${user}@127.0.0.1`,
    authUser: user,
    displayName: `ARM ${user}`,
    expiresSeconds: options.expiresSeconds ?? 60,
    refreshPercent: 50,
    heartbeatMs: 500,
    connectionTimeoutMs: 1000,
    reconnect: { minMs: 100, maxMs: 1000, jitter: 0.2 },
    mediaTimeoutMs: options.mediaTimeoutMs ?? 2000,
    autoAnswer: options.autoAnswer ?? false,
    sessionRefreshSeconds: options.sessionRefreshSeconds ?? 0,
    extensions: { regulators: [{ extension: '201', label: 'Dr A' }], queues: { SNP: '3100' }, externalPrefix: '' },
  };
  const config = testConfig(tmp.path, { telephony } as never);
  const fake = new FakeMediaPort();
  const password = options.password === undefined ? TEST_SIP_PASSWORD : options.password;
  const secrets = new MemorySecretStore(password === null ? {} : { [sipSecretKey(telephony)]: password });
  const services = createServices(config, {
    secrets,
    ...(options.media === 'renderer' ? {} : { media: options.media ?? fake }),
    startTelephony: false,
    ...(options.sipTrace ? { sipTrace: options.sipTrace } : {}),
    ...(options.trace === false ? {} : { sipLog: (line: string) => appendFileSync(join(tmp.path, 'sip.log'), `${line}\n`) }),
  });
  const events: Phone['events'] = [];
  services.events.subscribe((channel, payload) => events.push({ channel, payload }));
  // Call control is for a signed-in floor operator (the permission table): an ARM takes the calls.
  await signIn(services, 'ARM');
  await services.telephony!.start();

  const api = <T>(channel: Channel, payload: unknown = {}) => dispatch(services.api, channel, payload) as Promise<Envelope<T>>;
  const phone: Phone = {
    services,
    media: fake,
    events,
    dir: tmp.path,
    api,
    async must<T>(channel: Channel, payload: unknown = {}) {
      const result = await api<T>(channel, payload);
      if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
      return result.value;
    },
    liveCall: (pred, timeoutMs = 8000) =>
      waitFor('a live call', async () => {
        const list = await api<{ calls: Call[] }>('call:list');
        return list.ok ? list.value.calls.find(pred) : undefined;
      }, timeoutMs),
    loggedCall: (id, pred, timeoutMs = 8000) =>
      waitFor(`call ${id} in the log`, () => {
        const call = services.journal.calls.get(id);
        return call && pred(call) ? call : undefined;
      }, timeoutMs),
    eventTypes: (callId) =>
      journalFile(services.journal)
        .prepare<[string], { type: string }>("SELECT type FROM events WHERE type GLOB 'call.*' AND json_extract(payload, '$.callId') = ? ORDER BY seq")
        .all(callId)
        .map((r) => r.type),
    registered: (timeoutMs = 5000) => waitFor('registered', () => services.telephony!.getStatus().state === 'registered', timeoutMs).then(() => undefined),
    async close() {
      await services.stopTelephony();
      services.close();
      // PLATEAU_SIP_KEEP=1 keeps the SIP trace and journal for a look after a failure.
      if (process.env.PLATEAU_SIP_KEEP) console.warn(`kept ${tmp.path}`);
      else tmp.cleanup();
    },
  };
  return phone;
}
