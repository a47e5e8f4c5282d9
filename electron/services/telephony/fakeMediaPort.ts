import type { MediaPort } from './mediaPort';

const PAYLOADS: Record<number, string> = { 0: 'PCMU/8000', 8: 'PCMA/8000', 101: 'telephone-event/8000' };
const ANSWER_DIRECTION: Record<string, string> = { sendrecv: 'sendrecv', sendonly: 'recvonly', recvonly: 'sendonly', inactive: 'inactive' };

interface Leg {
  awaitingAnswer: boolean;
  remote: { formats: number[]; direction: string } | null;
  pendingRemoteOffer: boolean;
  version: number;
  port: number;
}

function parseAudio(sdp: string): { formats: number[]; direction: string } {
  const lines = sdp.split(/\r?\n/);
  const media = lines.find((l) => l.startsWith('m=audio '));
  if (!lines[0]?.startsWith('v=0') || !media) throw new Error('not an SDP with an audio line');
  let direction = 'sendrecv';
  for (const line of lines) {
    const m = /^a=(sendrecv|sendonly|recvonly|inactive)\s*$/.exec(line);
    if (m) direction = m[1]!;
  }
  // c=0.0.0.0: the RFC 2543 way of putting a call on hold.
  if (lines.some((l) => /^c=IN IP4 0\.0\.0\.0/.test(l))) direction = 'inactive';
  return { formats: media.trim().split(/\s+/).slice(3).map(Number), direction };
}

/**
 * Media for Node tests and benchmarks: a valid static SDP (no RTP is sent), the offered direction
 * mirrored in the answer so that hold by re-INVITE works, and offer/answer tracked per call as an
 * RTCPeerConnection's signalingState would. `remoteDirections` records what the far end asked for.
 */
export class FakeMediaPort implements MediaPort {
  private readonly legs = new Map<string, Leg>();
  private nextPort = 40_000;
  readonly remoteDirections = new Map<string, string[]>();
  closed = 0;

  private leg(callId: string): Leg {
    let leg = this.legs.get(callId);
    if (!leg) {
      leg = { awaitingAnswer: false, remote: null, pendingRemoteOffer: false, version: 0, port: this.nextPort };
      this.nextPort = this.nextPort >= 59_998 ? 40_000 : this.nextPort + 2;
      this.legs.set(callId, leg);
    }
    return leg;
  }

  getDescription(callId: string, options: { hold: boolean }): Promise<string> {
    const leg = this.leg(callId);
    let formats = [0, 8, 101];
    let direction = options.hold ? 'sendonly' : 'sendrecv';
    if (leg.pendingRemoteOffer && leg.remote) {
      const common = leg.remote.formats.filter((f) => PAYLOADS[f]);
      formats = common.length > 0 ? common : leg.remote.formats.slice(0, 1);
      direction = ANSWER_DIRECTION[leg.remote.direction] ?? 'sendrecv';
      if (options.hold && direction === 'sendrecv') direction = 'sendonly';
      if (options.hold && direction === 'recvonly') direction = 'inactive';
      leg.pendingRemoteOffer = false;
    } else {
      leg.awaitingAnswer = true;
    }
    leg.version++;
    const sdp = [
      'v=0',
      `o=- ${leg.port}${leg.version} ${leg.version} IN IP4 127.0.0.1`,
      's=plateau fake media',
      'c=IN IP4 127.0.0.1',
      't=0 0',
      `m=audio ${leg.port} RTP/AVP ${formats.join(' ')}`,
      ...formats.filter((f) => PAYLOADS[f]).map((f) => `a=rtpmap:${f} ${PAYLOADS[f]}`),
      ...(formats.includes(101) ? ['a=fmtp:101 0-15'] : []),
      'a=ptime:20',
      `a=${direction}`,
      '',
    ].join('\r\n');
    return Promise.resolve(sdp);
  }

  setDescription(callId: string, sdp: string): Promise<void> {
    const leg = this.leg(callId);
    let parsed;
    try {
      parsed = parseAudio(sdp);
    } catch (error) {
      return Promise.reject(error as Error);
    }
    leg.pendingRemoteOffer = !leg.awaitingAnswer;
    leg.awaitingAnswer = false;
    leg.remote = parsed;
    const seen = this.remoteDirections.get(callId) ?? [];
    seen.push(parsed.direction);
    this.remoteDirections.set(callId, seen);
    return Promise.resolve();
  }

  rollback(callId: string): Promise<void> {
    const leg = this.leg(callId);
    leg.pendingRemoteOffer = false;
    leg.awaitingAnswer = false;
    return Promise.resolve();
  }

  close(callId: string): void {
    if (this.legs.delete(callId)) this.closed++;
  }
}
