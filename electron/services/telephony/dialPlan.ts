import { dialString, normalisePhone, SHORT_NUMBERS } from '../../../shared/domain/phone';
import type { QueueId } from '../../../shared/domain/routing';
import type { TelephonyConfig } from './telephonyConfig';

/** Where a call or a transfer goes: a regulator's extension, a branch queue, or the outside world. */
export type DialTarget = { kind: 'extension'; extension: string } | { kind: 'queue'; queue: QueueId } | { kind: 'external'; number: string } | { kind: 'short'; number: string };

export type Resolved = { ok: true; uri: string; label: string } | { ok: false; message: string; field: string };

/** The SIP domain of this position's AOR: extensions live in the same domain. */
function domainOf(aor: string): string {
  return aor.slice(aor.indexOf('@') + 1);
}

export function resolveTarget(config: TelephonyConfig, target: DialTarget): Resolved {
  const domain = domainOf(config.aor);
  switch (target.kind) {
    case 'extension':
      return { ok: true, uri: `sip:${target.extension}@${domain}`, label: target.extension };
    case 'queue': {
      const extension = config.extensions.queues[target.queue];
      if (!extension) return { ok: false, message: `no extension configured for the ${target.queue} queue`, field: 'target.queue' };
      return { ok: true, uri: `sip:${extension}@${domain}`, label: target.queue };
    }
    case 'external': {
      const phone = normalisePhone(target.number);
      if (!phone.ok) return { ok: false, message: `not a phone number: ${target.number}`, field: 'target.number' };
      return { ok: true, uri: `sip:${config.extensions.externalPrefix}${dialString(phone.e164)}@${domain}`, label: phone.e164 };
    }
    case 'short':
      // 15, 17, 18, 112, 114…: the PABX's outside line, then the number as dialled.
      if (!(SHORT_NUMBERS as readonly string[]).includes(target.number)) return { ok: false, message: `not a short number: ${target.number}`, field: 'target.number' };
      return { ok: true, uri: `sip:${config.extensions.externalPrefix}${target.number}@${domain}`, label: target.number };
  }
}

/**
 * The caller's number as we store it: E.164 when it is a phone number, the SIP user as received
 * otherwise (an internal extension), null when withheld.
 */
export function callerNumber(user: string | undefined, externalPrefix: string): string | null {
  if (!user || /^(anonymous|unknown|restricted)$/i.test(user)) return null;
  const digits = externalPrefix && user.startsWith(externalPrefix) && user.length > 8 ? user.slice(externalPrefix.length) : user;
  const phone = /^\+?[0-9]{6,15}$/.test(digits) ? normalisePhone(digits) : { ok: false as const };
  return phone.ok ? phone.e164 : user.slice(0, 64);
}
