import { percentile, line } from './stats';
import { makeTempDir } from '../support/tempDir';
import { inviteTimings, Kamailio, runSipp, sipPeersAvailable } from '../support/sip/peers';
import { startPhone } from '../support/sip/phone';
import { Softphone } from '../../electron/services/telephony/softphone';
import { journalFile } from '../support/journalFile';

const CALLS = Number(process.env.BENCH_CALLS ?? 200);
const RATE = Number(process.env.BENCH_RATE ?? 10);

/**
 * INVITE→200 through Kamailio to the auto-answering softphone (sip.js over WS, journal on), and
 * SIPp→Kamailio→SIPp over UDP as the baseline, in the same run: 200 calls at 10/s, each held
 * 500 ms. Timed in SIPp from its -trace_msg µs timestamps. Target (QUALITY.md): ≤ 2 ms above the
 * baseline at p50, 0 failed calls.
 */
export async function softphoneBench(): Promise<string[]> {
  if (!sipPeersAvailable()) return ['softphone skipped: kamailio / sipp missing'];
  const dir = makeTempDir('plateau-bench-sip-');
  const kamailio = await Kamailio.create(dir.path);
  const out: string[] = [];
  try {
    await kamailio.start();
    // Inside the UA: from the INVITE leaving our WebSocket to our 200 entering it, per Call-ID.
    const arrived = new Map<string, number>();
    const inside: number[] = [];
    const callIdOf = (m: string) => /^Call-ID:\s*(\S+)/im.exec(m)?.[1];
    const sipTrace = (direction: 'in' | 'out', message: string) => {
      const at = performance.now();
      if (direction === 'in' && message.startsWith('INVITE ') && / 1 INVITE/.test(message)) arrived.set(callIdOf(message)!, at);
      if (direction === 'out' && message.startsWith('SIP/2.0 200') && /CSeq: 1 INVITE/.test(message)) {
        const t0 = arrived.get(callIdOf(message)!);
        if (t0 !== undefined) inside.push(at - t0);
      }
    };
    // Where the time inside goes: sip.js (INVITE in → our onInvite), ours (onInvite → 200 out),
    // and the journal commits (each one fsync). Timing wrappers only: nothing else changes.
    const enteredOurs = new Map<string, number>();
    const split = { sipjs: [] as number[], ours: [] as number[], commits: [] as number[] };
    const proto = Softphone.prototype as unknown as { onInvite(invitation: { request: { callId: string } }): void };
    const onInvite = proto.onInvite;
    proto.onInvite = function (invitation) {
      enteredOurs.set(invitation.request.callId, performance.now());
      return onInvite.call(this, invitation);
    };
    const traced = sipTrace;
    const sipTraceSplit = (direction: 'in' | 'out', message: string) => {
      traced(direction, message);
      if (direction === 'out' && message.startsWith('SIP/2.0 200') && /CSeq: 1 INVITE/.test(message)) {
        const id = callIdOf(message)!;
        const [t0, t1] = [arrived.get(id), enteredOurs.get(id)];
        if (t0 !== undefined && t1 !== undefined) {
          split.sipjs.push(t1 - t0);
          split.ours.push(performance.now() - t1);
        }
      }
    };
    const phone = await startPhone(kamailio, { autoAnswer: true, trace: false, sipTrace: sipTraceSplit });
    const command = phone.services.journal.command.bind(phone.services.journal);
    phone.services.journal.command = ((fn: Parameters<typeof command>[0]) => {
      const t0 = performance.now();
      try {
        return command(fn);
      } finally {
        split.commits.push(performance.now() - t0);
      }
    }) as typeof command;
    try {
      await phone.registered();
      const load = ['-m', String(CALLS), '-r', String(RATE), '-l', '50', '-d', '500'];
      const target = `127.0.0.1:${kamailio.ports.sip}`;
      const timeoutMs = (CALLS / RATE) * 1000 + 30_000;

      // Baseline first: SIPp UAS on the trunk port, SIPp UAC calling "uas" through Kamailio.
      const uas = await runSipp({ dir: dir.path, scenario: 'uas_answer.xml', port: kamailio.ports.trunk, args: ['-m', String(CALLS)], timeoutMs });
      const baseline = await (await runSipp({ dir: dir.path, scenario: 'uac_load.xml', target, service: 'uas', args: load, timeoutMs })).done;
      uas.kill();
      await uas.done;
      const softphone = await (await runSipp({ dir: dir.path, scenario: 'uac_load.xml', target, service: 'arm1', args: load, timeoutMs })).done;

      const base = inviteTimings(baseline.messages).inviteTo200.sort((a, b) => a - b);
      const ours = inviteTimings(softphone.messages).inviteTo200.sort((a, b) => a - b);
      const answered = journalFile(phone.services.journal).prepare<[], { n: number }>("SELECT count(*) AS n FROM calls WHERE outcome = 'answered'").get()!.n;
      out.push(line('softphone INVITE→200 p50', percentile(ours, 50), 'ms', percentile(base, 50)));
      out.push(line('softphone INVITE→200 p99', percentile(ours, 99), 'ms', percentile(base, 99)));
      out.push(line('softphone p50 above baseline', percentile(ours, 50) - percentile(base, 50), 'ms'));
      const insideSorted = inside.sort((a, b) => a - b);
      out.push(line('softphone inside the UA (INVITE in → 200 out, journal included) p50', percentile(insideSorted, 50), 'ms'));
      out.push(line('softphone inside the UA p99', percentile(insideSorted, 99), 'ms'));
      const p50 = (values: number[]) => percentile([...values].sort((a, b) => a - b), 50);
      out.push(line('softphone inside: sip.js, INVITE in → our onInvite, p50', p50(split.sipjs), 'ms'));
      out.push(line('softphone inside: ours, onInvite → 200 out (one journal commit), p50', p50(split.ours), 'ms'));
      out.push(line('softphone journal commit (one fsync) p50', p50(split.commits), 'ms'));
      out.push(`softphone failed calls ${softphone.failed} calls (baseline ${baseline.failed} calls, successful ${softphone.successful}/${CALLS}, journalled answered ${answered})`);
    } finally {
      proto.onInvite = onInvite;
      await phone.close();
    }
  } finally {
    await kamailio.stop();
    dir.cleanup();
  }
  return out;
}
