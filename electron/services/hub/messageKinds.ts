/**
 * The Hub Santé message kinds Plateau sends or receives, the key of each payload inside the
 * RC-DE header, the EDXL distributionKind (which decides the recipient's queue: Report, Update
 * and Cancel go to `{id}.message`, Ack to `{id}.ack`, Error to `{id}.info` — Hub Santé's
 * "Format des messages" page), and how long each stays worth delivering.
 */
export type HubMessageKind = 'RS-EDA' | 'RS-EDA-MAJ' | 'RC-REF' | 'RS-ERROR' | 'RS-SAS-RDV';
export type DistributionKind = 'Report' | 'Update' | 'Cancel' | 'Ack' | 'Error';

export const PAYLOAD_KEY: Record<HubMessageKind, string> = {
  'RS-EDA': 'createCaseHealth',
  'RS-EDA-MAJ': 'createCaseHealthUpdate',
  'RC-REF': 'reference',
  'RS-ERROR': 'error',
  'RS-SAS-RDV': 'appointment',
};

export const DISTRIBUTION_KIND: Record<HubMessageKind, DistributionKind> = {
  'RS-EDA': 'Report',
  'RS-EDA-MAJ': 'Update',
  'RC-REF': 'Ack',
  'RS-ERROR': 'Error',
  'RS-SAS-RDV': 'Report',
};

const HOUR = 3_600_000;

/**
 * dateTimeExpires, per kind. A case share and its updates stay useful while the dossier can
 * still be handled by the partner: 24 h (DOMAIN §5 closes a dossier 24 h after it ends), so a
 * night-long outage still delivers. A receipt or an error answers a sender that retries the same
 * distributionID until its own expiry, and every retry gets a fresh answer: one hour is plenty.
 */
export const EXPIRY_MS: Record<HubMessageKind, number> = {
  'RS-EDA': 24 * HOUR,
  'RS-EDA-MAJ': 24 * HOUR,
  'RC-REF': HOUR,
  'RS-ERROR': HOUR,
  'RS-SAS-RDV': 24 * HOUR,
};

export function kindOfPayloadKey(key: string): HubMessageKind | null {
  for (const [kind, k] of Object.entries(PAYLOAD_KEY) as Array<[HubMessageKind, string]>) if (k === key) return kind;
  return null;
}

/** The Hub's own client id: the sender of the errors it raises itself (expiry, routing, format). */
export const HUB_SENDER_ID = 'fr.health.hub';

/** Hub Santé error codes (RS-ERROR errorCode.statusCode), as the Hub sends them. */
export const HUB_ERROR = {
  DELIVERY_MODE_INCONSISTENCY: 100,
  NOT_ALLOWED_CONTENT_TYPE: 101,
  UNRECOGNIZED_MESSAGE_FORMAT: 102,
  SENDER_INCONSISTENCY: 200,
  INVALID_MESSAGE: 300,
  EXPIRED_MESSAGE_BEFORE_ROUTING: 400,
  DEAD_LETTER_QUEUED: 500,
  UNROUTABLE_MESSAGE: 501,
  /** Not the Hub's: the SAS guide's answer of an LRM to a CreateAppointment whose id it knows already. */
  CONFLICT: 409,
} as const;
export type HubErrorName = keyof typeof HUB_ERROR;

/** Codes that mean "it expired", not "it was wrong": the outbox row becomes EXPIRED. */
export const EXPIRY_ERROR_CODES: ReadonlySet<number> = new Set([HUB_ERROR.EXPIRED_MESSAGE_BEFORE_ROUTING, HUB_ERROR.DEAD_LETTER_QUEUED]);
