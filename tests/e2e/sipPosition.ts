import { startHarness, type Harness } from '../harness/server';
import { FakeMediaPort } from '../../electron/services/telephony/fakeMediaPort';
import { MemorySecretStore } from '../../electron/services/telephony/secretStore';
import { makeTempDir } from '../support/tempDir';
import { testConfig } from '../support/testConfig';
import { Kamailio, sipPeersAvailable, TEST_SIP_PASSWORD } from '../support/sip/peers';
import { test } from './fixtures';

export interface SipPosition {
  tmp: ReturnType<typeof makeTempDir>;
  kamailio: Kamailio;
  harness: Harness;
}

/**
 * A keyboard position on a real SIP network: Kamailio on loopback and the harness's softphone
 * as arm1 (`telephony` overrides the configuration; media faked in the services unless the page's
 * own bridge is under test; the SIP password stored beforehand, or left for the test to type).
 * Everything started is stopped afterwards, even on failure; skipped where Kamailio or SIPp is missing.
 */
export async function withSipPosition(
  options: { telephony: Record<string, unknown>; fakeMedia: boolean; storedPassword: boolean; prefix: string },
  body: (position: SipPosition) => Promise<void>,
): Promise<void> {
  test.skip(!sipPeersAvailable(), 'kamailio / sipp missing');
  const tmp = makeTempDir(options.prefix);
  const kamailio = await Kamailio.create(tmp.path);
  let harness: Harness | null = null;
  try {
    await kamailio.start();
    const telephony = { serverUrl: kamailio.wsUrl, aor: 'sip:arm1@127.0.0.1', authUser: 'arm1', displayName: 'ARM 1', ...options.telephony };
    const secrets = new MemorySecretStore(options.storedPassword ? { 'sip-password:sip:arm1@127.0.0.1': TEST_SIP_PASSWORD } : {});
    harness = await startHarness({ config: testConfig(tmp.path, { telephony } as never), serviceOptions: options.fakeMedia ? { media: new FakeMediaPort(), secrets } : { secrets } });
    await body({ tmp, kamailio, harness });
  } finally {
    await harness?.services().stopTelephony();
    await harness?.stop();
    await kamailio.stop();
    tmp.cleanup();
  }
}
