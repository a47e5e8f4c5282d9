import type { Call } from '../../../shared/domain/callState';
import { makeTempDir } from '../tempDir';
import { Kamailio, runSipp, type SippRun } from './peers';
import { startPhone, type Phone } from './phone';

/**
 * One desk on a real SIP network, for the integration tests: Kamailio on loopback and the
 * services registered as arm1 (media faked). Started in a suite's beforeAll, stopped in its
 * afterAll (PLATEAU_SIP_KEEP keeps the folder and its SIP logs to read).
 */
export interface KamailioDesk {
  tmp: ReturnType<typeof makeTempDir>;
  kamailio: Kamailio;
  phone: Phone;
}

export async function startKamailioDesk(prefix: string): Promise<KamailioDesk> {
  const tmp = makeTempDir(prefix);
  const kamailio = await Kamailio.create(tmp.path);
  await kamailio.start();
  const phone = await startPhone(kamailio);
  await phone.registered();
  return { tmp, kamailio, phone };
}

export async function stopKamailioDesk(desk: Partial<KamailioDesk>): Promise<void> {
  await desk.phone?.close();
  await desk.kamailio?.stop();
  if (process.env.PLATEAU_SIP_KEEP) console.warn(`kept ${desk.tmp?.path}`);
  else desk.tmp?.cleanup();
}

/** SIPp around the desk: a caller dialling a user, the trunk's answering side, and the desk's ringing call. */
export function sipPeersOf(desk: () => KamailioDesk): { callUs: (scenario: string, user?: string, args?: string[]) => Promise<SippRun>; trunk: (scenario: string) => Promise<SippRun>; ringing: () => Promise<Call> } {
  return {
    callUs: (scenario, user = 'arm1', args = []) => runSipp({ dir: desk().tmp.path, scenario, target: `127.0.0.1:${desk().kamailio.ports.sip}`, service: user, args: ['-m', '1', ...args] }),
    trunk: (scenario) => runSipp({ dir: desk().tmp.path, scenario, port: desk().kamailio.ports.trunk, args: ['-m', '1'] }),
    ringing: () => desk().phone.liveCall((c) => c.direction === 'inbound' && c.state === 'ringing'),
  };
}
