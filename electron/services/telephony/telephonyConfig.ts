import { z } from 'zod';
import { parseDialInput } from '../../../shared/domain/phone';
import { isSecureUrl, secureUrlMessage, WSS_RULE } from '../../../shared/domain/secureUrl';
import { QUEUES, type QueueId } from '../../../shared/domain/routing';
import { directoryEntrySchema } from '../../../shared/api/telephonySchemas';

/** wss:// always; plain ws:// only towards this machine (tests, a local proxy), never across a network. */
export const sipServerUrl = z
  .string()
  .max(500)
  .refine((value) => isSecureUrl(value, WSS_RULE), secureUrlMessage(WSS_RULE));

const extension = z.string().regex(/^[0-9]{2,8}$/, 'an extension is 2 to 8 digits');
const queueIds = Object.keys(QUEUES) as [QueueId, ...QueueId[]];

export const telephonyConfigSchema = z.strictObject({
  serverUrl: sipServerUrl,
  /** This position's address of record, `sip:user@domain`. */
  aor: z.string().regex(/^sip:[A-Za-z0-9._+-]{1,64}@[A-Za-z0-9.-]{1,253}$/, 'expected sip:user@domain'),
  authUser: z.string().regex(/^[A-Za-z0-9._+-]{1,64}$/),
  displayName: z.string().min(1).max(100),
  /** Requested registration lifetime; refreshed at refreshPercent of it (sip.js default 99 % leaves no margin). */
  expiresSeconds: z.number().int().min(10).max(3600).default(300),
  refreshPercent: z.number().int().min(50).max(80).default(65),
  /** WebSocket ping period; a missed pong declares the proxy dead. */
  heartbeatMs: z.number().int().min(200).max(60_000).default(5000),
  connectionTimeoutMs: z.number().int().min(200).max(30_000).default(4000),
  reconnect: z
    .strictObject({ minMs: z.number().int().min(50).max(10_000).default(250), maxMs: z.number().int().min(100).max(60_000).default(1500), jitter: z.number().min(0).max(0.5).default(0.2) })
    .default({ minMs: 250, maxMs: 1500, jitter: 0.2 }),
  /**
   * Session refresh (the backstop RFC 4028 session timers give, which sip.js lacks): every
   * established call is re-INVITEd this often; a far end that answers 481/408 or nothing has lost
   * the dialog, and the call is ended instead of staying a ghost. 0 = off.
   */
  sessionRefreshSeconds: z.number().int().min(0).max(3600).default(600),
  /** How long the renderer has to produce or take an SDP before the call fails. */
  mediaTimeoutMs: z.number().int().min(100).max(30_000).default(5000),
  /** Answer every call at once (positions with an always-open headset; the benchmark). */
  autoAnswer: z.boolean().default(false),
  extensions: z
    .strictObject({
      regulators: z.array(z.strictObject({ extension, label: z.string().min(1).max(100) })).max(500).default([]),
      queues: z.partialRecord(z.enum(queueIds), extension).default({}),
      /** Dialled before an external number (national format), e.g. "0" on most PABX. */
      externalPrefix: z.string().regex(/^[0-9]{0,4}$/).default(''),
    })
    .default({ regulators: [], queues: {}, externalPrefix: '' }),
  /**
   * The post's frequent numbers (SMUR, hospitals, 17, 18, 112, 114, partner centres), offered for
   * speed-dial by the palette; each number must be one the dial field accepts.
   */
  directory: z
    .array(directoryEntrySchema.refine((entry) => parseDialInput(entry.number).ok, { message: 'not a number the dial field accepts (digits, +, spaces; a short number; an extension)', path: ['number'] }))
    .max(500)
    .default([]),
});

export type TelephonyConfig = z.output<typeof telephonyConfigSchema>;

/** Where the SIP password is kept in the SecretStore. */
export function sipSecretKey(config: Pick<TelephonyConfig, 'aor'>): string {
  return `sip-password:${config.aor}`;
}
