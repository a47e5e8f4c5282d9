import type { Session, URI } from 'sip.js';

/**
 * In-dialog requests on an established sip.js session, each resolved to "accepted" or the
 * reason it was not, so that call control never waits on a callback that does not come.
 */

type Response = { message: { statusCode?: number; reasonPhrase?: string } };
const reasonOf = (r: Response) => `${r.message.statusCode} ${r.message.reasonPhrase}`;
const errorOf = (e: unknown) => (e instanceof Error ? e : new Error(String(e)));

/** Longer than a SIP transaction (32 s): a re-INVITE always ends one way or the other. */
const REINVITE_LIMIT_MS = 35_000;

/**
 * sip.js reports an answered call Established as soon as our 200 is sent, before the caller's
 * ACK. A re-INVITE, REFER or INFO sent in that window confuses its offer/answer state (it then
 * BYEs the call): wait for the dialog to settle first.
 */
export async function settled(session: Session, timeoutMs = 3000): Promise<void> {
  const t0 = Date.now();
  for (;;) {
    // ackWait: the core dialog's "200 sent, ACK not yet received" flag (sip.js core, not API).
    const dialog = session.dialog as { signalingState?: string; ackWait?: boolean } | undefined;
    const state = dialog?.signalingState;
    if (!dialog || (dialog.ackWait !== true && (state === 'Stable' || state === 'Initial' || state === 'Closed'))) return;
    if (Date.now() - t0 > timeoutMs) return;
    await new Promise((resolve) => setTimeout(resolve, 5).unref());
  }
}

/** A re-INVITE offering hold (sendonly) or not; resolves on 2xx, rejects with the status otherwise. */
export async function reinvite(session: Session, hold: boolean): Promise<void> {
  await settled(session);
  session.sessionDescriptionHandlerOptionsReInvite = { hold } as never;
  return new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('re-INVITE timed out')), REINVITE_LIMIT_MS);
    timer.unref();
    const done = (error?: Error) => {
      clearTimeout(timer);
      if (error) reject(error);
      else resolve();
    };
    session
      .invite({
        sessionDescriptionHandlerOptions: { hold } as never,
        requestDelegate: { onAccept: () => done(), onReject: (response: Response) => done(new Error(reasonOf(response))) },
      })
      .catch((error: unknown) => done(errorOf(error)));
  });
}

/** One DTMF tone as SIP INFO (application/dtmf-relay); null when accepted, else why not. */
export function sendDtmfInfo(session: Session, tone: string): Promise<string | null> {
  return new Promise((resolve) => {
    session
      .info({
        requestOptions: { body: { contentDisposition: 'render', contentType: 'application/dtmf-relay', content: `Signal=${tone}\r\nDuration=160\r\n` } },
        requestDelegate: { onAccept: () => resolve(null), onReject: (r: Response) => resolve(reasonOf(r)) },
      })
      .catch((error: unknown) => resolve(String(error)));
  });
}

/** REFER to a URI (blind) or to another session (attended: Refer-To with Replaces); null when accepted. */
export function refer(session: Session, target: URI | Session): Promise<string | null> {
  return new Promise((resolve) => {
    session
      .refer(target as never, { requestDelegate: { onAccept: () => resolve(null), onReject: (r: Response) => resolve(reasonOf(r)) } })
      .catch((error: unknown) => resolve(String(error)));
  });
}
