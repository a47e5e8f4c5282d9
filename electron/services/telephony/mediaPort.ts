import type { BodyAndContentType, Session, SessionDescriptionHandler, SessionDescriptionHandlerFactory, SessionDescriptionHandlerOptions } from 'sip.js';

/**
 * The media half of a call, seen from the signalling half. In the app the renderer owns the
 * RTCPeerConnection, the microphone and the speaker (rendererMediaPort.ts); under Node tests a
 * fake returns a static SDP (fakeMediaPort.ts). Whether an SDP is an offer or an answer is the
 * media side's business: an RTCPeerConnection knows from its signalingState, the fake tracks it.
 */
export interface MediaPort {
  /** Our SDP: an offer, or the answer to the remote offer just set. `hold` = send-only/inactive. */
  getDescription(callId: string, options: { hold: boolean }): Promise<string>;
  setDescription(callId: string, sdp: string): Promise<void>;
  rollback(callId: string): Promise<void>;
  close(callId: string): void;
}

/** Which call a sip.js session belongs to: filled by the service before sip.js asks for media. */
export type CallIdOf = (session: Session) => string | undefined;

/**
 * sip.js' SessionDescriptionHandler, forwarding every request to the MediaPort. A rejection
 * (renderer gone, timeout, bad SDP) makes sip.js fail that offer/answer (488/500, or the accept
 * rejects) instead of hanging the call.
 */
export class BridgeSessionDescriptionHandler implements SessionDescriptionHandler {
  private closed = false;

  constructor(
    private readonly port: MediaPort,
    private readonly callId: string,
  ) {}

  hasDescription(contentType: string): boolean {
    return contentType === 'application/sdp';
  }

  async getDescription(options?: SessionDescriptionHandlerOptions): Promise<BodyAndContentType> {
    if (this.closed) throw new Error('media closed');
    // sip.js passes the session's options through: hold is ours (set on hold/resume re-INVITEs).
    const hold = (options as { hold?: unknown } | undefined)?.hold === true;
    const body = await this.port.getDescription(this.callId, { hold });
    return { body, contentType: 'application/sdp' };
  }

  async setDescription(sdp: string): Promise<void> {
    if (this.closed) throw new Error('media closed');
    await this.port.setDescription(this.callId, sdp);
  }

  rollbackDescription(): Promise<void> {
    return this.port.rollback(this.callId);
  }

  /** DTMF goes as SIP INFO from the service (see softphone.ts), not through the media. */
  sendDtmf(): boolean {
    return false;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.port.close(this.callId);
  }
}

export function bridgeSdhFactory(port: MediaPort, callIdOf: CallIdOf): SessionDescriptionHandlerFactory {
  return (session) => {
    const callId = callIdOf(session);
    if (!callId) throw new Error('media requested for a session the softphone does not know');
    return new BridgeSessionDescriptionHandler(port, callId);
  };
}
