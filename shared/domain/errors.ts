/**
 * Stable error codes. The renderer translates them (`errors.<code>` in shared/i18n);
 * the `message` travelling with them is for logs and developers, never shown as-is.
 */
export const ERROR_CODES = [
  'E_BAD_REQUEST',
  /** Text holding an invisible control character (a NUL pasted from another program): refused at the boundary, nothing written. */
  'E_MALFORMED',
  'E_UNKNOWN_CHANNEL',
  'E_NOT_FOUND',
  'E_FORBIDDEN',
  'E_UNAUTHENTICATED',
  'E_LOCKED_OUT',
  'E_BAD_CREDENTIALS',
  'E_DOSSIER_CLOSED',
  'E_INTERLOCK',
  'E_CONFLICT',
  /** The same thing asked twice within seconds (a decision signed twice). */
  'E_DUPLICATE',
  'E_JOURNAL_CORRUPT',
  'E_JOURNAL_TOO_NEW',
  'E_JOURNAL_READONLY',
  'E_JOURNAL_LOCKED',
  'E_JOURNAL_FULL',
  'E_CONFIG_INVALID',
  'E_TRANSPORT',
  'E_TELEPHONY_OFFLINE',
  'E_CALL_FAILED',
  'E_MEDIA',
  /** A P0 call held, hung up or blind-transferred without the reason the ARM must give (DOMAIN §8.1). */
  'E_P0_REASON',
  /** A manual location's commune is not one of the département's official list (the BAN pack). */
  'E_UNKNOWN_COMMUNE',
  'E_UNAVAILABLE',
  'E_UPDATE_NOT_READY',
  'E_UPDATE_NOT_QUIET',
  'E_PSC_UNAVAILABLE',
  'E_PSC_REFUSED',
  'E_PSC_CANCELLED',
  'E_PSC_REQUIRED',
  'E_INTERNAL',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

/** What a refusal says, as the contract's error envelope carries it (shared/api/envelope.ts). */
export interface CodedError {
  code: ErrorCode;
  message: string;
  /** Dotted path of the offending request field, when there is one. */
  field?: string;
}
