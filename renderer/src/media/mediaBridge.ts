import type { EventOf } from '../../../shared/api/contract';
import ringtoneUrl from '../../../resources/ringtone.wav';
import { backend } from '../api/backend';

type MediaRequest = EventOf<'media:request'>;

interface Leg {
  pc: RTCPeerConnection;
  audio: HTMLAudioElement;
  /** The microphone track this leg sends when it is not on hold. */
  track: MediaStreamTrack | null;
  /** In a desk conference: the microphone mixed with the other leg's voice, sent instead of `track`. */
  mixed?: { track: MediaStreamTrack; with: string };
}

/** What the test harness may ask for (tests/harness/server.ts `exposeMedia`); absent in the app. */
interface HarnessFlags {
  exposeMedia?: boolean;
}

/** Test-only view of the bridge's peer connections, set as `window.__plateauMedia` when the harness asks. */
export interface MediaTestHook {
  callIds(): string[];
  peerConnection(callId: string): RTCPeerConnection | undefined;
  /** The output device the call's audio plays on ('' = the system default). */
  sinkId(callId: string): string | undefined;
}

/** An audio output the ARM can choose (headset, speaker). */
export interface Speaker {
  deviceId: string;
  label: string;
}

type SinkAudio = HTMLAudioElement & { setSinkId?: (id: string) => Promise<void>; sinkId?: string };

const ICE_GATHERING_LIMIT_MS = 2000;

/**
 * The media half of the softphone (ARCHITECTURE §2): one RTCPeerConnection per call, answering
 * the services' SDP requests. SIP needs the whole SDP in one go, so every description waits for
 * ICE gathering to complete (no trickle). Hold is the transceiver's direction; mute disables the
 * microphone track without renegotiating.
 */
export class MediaBridge {
  private readonly legs = new Map<string, Leg>();
  private microphone: Promise<MediaStream> | null = null;
  private muted = false;
  private speakerId: string | null = null;
  private mixer: AudioContext | null = null;
  /** Called once the microphone is granted: device labels become readable then. */
  onMicrophoneGranted: (() => void) | null = null;

  async handle(request: MediaRequest): Promise<void> {
    try {
      const sdp = await this.run(request);
      await backend.respondMedia(sdp === undefined ? { requestId: request.requestId } : { requestId: request.requestId, sdp });
    } catch (error) {
      await backend.respondMedia({ requestId: request.requestId, error: String(error instanceof Error ? `${error.name}: ${error.message}` : error).slice(0, 500) });
    }
  }

  private async run(request: MediaRequest): Promise<string | undefined> {
    switch (request.op) {
      case 'getDescription':
        return this.describe(request.callId, request.hold);
      case 'setDescription': {
        const { pc } = await this.leg(request.callId);
        const type = pc.signalingState === 'have-local-offer' ? 'answer' : 'offer';
        await pc.setRemoteDescription({ type, sdp: request.sdp ?? '' });
        return undefined;
      }
      case 'rollback': {
        const leg = this.legs.get(request.callId);
        if (leg && leg.pc.signalingState !== 'stable') await leg.pc.setLocalDescription({ type: 'rollback' });
        return undefined;
      }
      case 'close':
        this.close(request.callId);
        return undefined;
    }
  }

  private async describe(callId: string, hold: boolean): Promise<string> {
    const { pc, track } = await this.leg(callId);
    // Hold offers sendonly (RFC 3264: the far end may play music on hold) but sends nothing: the
    // held caller must not hear the regulation room. Resuming puts the microphone back.
    for (const transceiver of pc.getTransceivers()) {
      const sending = hold ? null : (this.legs.get(callId)?.mixed?.track ?? track);
      transceiver.direction = hold ? 'sendonly' : 'sendrecv';
      if (transceiver.sender.track !== sending) await transceiver.sender.replaceTrack(sending);
    }
    const description = pc.signalingState === 'have-remote-offer' ? await pc.createAnswer() : await pc.createOffer();
    await pc.setLocalDescription(description);
    await iceGatheringComplete(pc);
    const sdp = pc.localDescription?.sdp;
    if (!sdp) throw new Error('no local description');
    return sdp;
  }

  private async leg(callId: string): Promise<Leg> {
    const existing = this.legs.get(callId);
    if (existing) return existing;
    this.microphone ??= navigator.mediaDevices.getUserMedia({ audio: { echoCancellation: true, noiseSuppression: true }, video: false });
    const granted = !this.legs.size;
    const stream = await this.microphone;
    if (granted) this.onMicrophoneGranted?.();
    const pc = new RTCPeerConnection({ iceServers: [] });
    const track = stream.getAudioTracks()[0] ?? null;
    if (track) {
      track.enabled = !this.muted;
      pc.addTrack(track, stream);
    }
    const audio = new Audio();
    audio.autoplay = true;
    pc.ontrack = (event) => {
      audio.srcObject = event.streams[0] ?? new MediaStream([event.track]);
      if (this.speakerId) void (audio as SinkAudio).setSinkId?.(this.speakerId)?.catch(() => {});
    };
    const leg = { pc, audio, track };
    this.legs.set(callId, leg);
    return leg;
  }

  /**
   * Three-way conference at the desk (P0 accompanied transfer): each leg sends the microphone
   * mixed with the other leg's voice, so the caller and the regulator hear each other and the
   * ARM; the ARM hears both (each leg's own audio element). No conference bridge is needed on
   * the SIP side: both legs simply stay up, talking.
   */
  async conference(a: string, b: string): Promise<void> {
    const legA = this.legs.get(a);
    const legB = this.legs.get(b);
    if (!legA || !legB) return;
    this.mixer ??= new AudioContext();
    const stream = await this.microphone;
    const mix = (leg: Leg, other: Leg, otherId: string) => {
      const out = this.mixer!.createMediaStreamDestination();
      if (stream?.getAudioTracks().length) this.mixer!.createMediaStreamSource(stream).connect(out);
      const voice = other.audio.srcObject as MediaStream | null;
      if (voice?.getAudioTracks().length) this.mixer!.createMediaStreamSource(voice).connect(out);
      leg.mixed = { track: out.stream.getAudioTracks()[0]!, with: otherId };
    };
    mix(legA, legB, b);
    mix(legB, legA, a);
    await Promise.all([legA, legB].map((leg) => Promise.all(leg.pc.getSenders().map((sender) => sender.replaceTrack(leg.mixed!.track)))));
  }

  /** The conference is over for this leg (the other one ended): back to the microphone alone. */
  private leaveConference(callId: string): void {
    for (const leg of this.legs.values()) {
      if (leg.mixed?.with !== callId) continue;
      leg.mixed.track.stop();
      leg.mixed = undefined;
      for (const sender of leg.pc.getSenders()) if (sender.track) void sender.replaceTrack(leg.track);
    }
  }

  /** For the test hook only (see MediaTestHook). */
  callIds(): string[] {
    return [...this.legs.keys()];
  }

  peerConnection(callId: string): RTCPeerConnection | undefined {
    return this.legs.get(callId)?.pc;
  }

  setMuted(muted: boolean): void {
    this.muted = muted;
    void this.microphone?.then((stream) => stream.getAudioTracks().forEach((t) => (t.enabled = !muted)));
  }

  get isMuted(): boolean {
    return this.muted;
  }

  /** The headset chosen by the ARM (an id from enumerateDevices()), for the calls in progress too. */
  async setSpeaker(deviceId: string | null): Promise<void> {
    this.speakerId = deviceId;
    await Promise.all([...this.legs.values()].map((leg) => (leg.audio as SinkAudio).setSinkId?.(deviceId ?? '')));
  }

  /** The audio outputs (labels are empty until the microphone has been granted once). */
  async speakers(): Promise<Speaker[]> {
    if (!navigator.mediaDevices?.enumerateDevices) return [];
    const devices = await navigator.mediaDevices.enumerateDevices();
    return devices.filter((d) => d.kind === 'audiooutput' && d.deviceId !== '' && d.deviceId !== 'default').map((d, i) => ({ deviceId: d.deviceId, label: d.label || `#${i + 1}` }));
  }

  sinkId(callId: string): string | undefined {
    const audio = this.legs.get(callId)?.audio as SinkAudio | undefined;
    return audio?.sinkId;
  }

  close(callId: string): void {
    const leg = this.legs.get(callId);
    if (!leg) return;
    this.legs.delete(callId);
    leg.mixed?.track.stop();
    this.leaveConference(callId);
    leg.pc.close();
    leg.audio.srcObject = null;
    if (this.legs.size === 0) {
      // Release the microphone when no call needs it (the OS shows it as in use otherwise).
      void this.microphone?.then((stream) => stream.getTracks().forEach((t) => t.stop()));
      this.microphone = null;
    }
  }
}

function iceGatheringComplete(pc: RTCPeerConnection): Promise<void> {
  if (pc.iceGatheringState === 'complete') return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(done, ICE_GATHERING_LIMIT_MS);
    function done() {
      clearTimeout(timer);
      pc.removeEventListener('icegatheringstatechange', check);
      resolve();
    }
    function check() {
      if (pc.iceGatheringState === 'complete') done();
    }
    pc.addEventListener('icegatheringstatechange', check);
  });
}

/** The ring while a call waits: resources/ringtone.wav (440 Hz, 1.5 s) every 5 s, the French cadence. */
export class Ringer {
  private audio: HTMLAudioElement | null = null;
  private timer: ReturnType<typeof setInterval> | null = null;

  set(ringing: boolean): void {
    if (ringing && !this.timer) {
      this.audio ??= new Audio(ringtoneUrl);
      const ring = () => {
        this.audio!.currentTime = 0;
        // Autoplay may be refused before the first key press: the panel still shows the call.
        try {
          void Promise.resolve(this.audio!.play()).catch(() => {});
        } catch {
          /* no audio output at all (tests): the panel still shows the call */
        }
      };
      ring();
      this.timer = setInterval(ring, 5000);
    } else if (!ringing && this.timer) {
      clearInterval(this.timer);
      this.timer = null;
      this.audio?.pause();
    }
  }
}

export const mediaBridge = new MediaBridge();

if ((globalThis as { __plateauHarness?: HarnessFlags }).__plateauHarness?.exposeMedia === true) {
  const hook: MediaTestHook = { callIds: () => mediaBridge.callIds(), peerConnection: (callId) => mediaBridge.peerConnection(callId), sinkId: (callId) => mediaBridge.sinkId(callId) };
  Object.defineProperty(globalThis, '__plateauMedia', { value: Object.freeze(hook), configurable: false, writable: false });
}

/** Wires the bridge to the services' media requests; returns the unsubscribe. */
export function connectMediaBridge(): () => void {
  return backend.onMediaRequest((request) => void mediaBridge.handle(request));
}
