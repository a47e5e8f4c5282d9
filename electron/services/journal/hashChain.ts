import { createHash } from 'node:crypto';

export const GENESIS_HASH = '0'.repeat(64);

/** The fields of an event that its hash covers: all of them, in a fixed order. */
export interface ChainedFields {
  seq: number;
  id: string;
  dossierId: string | null;
  type: string;
  payload: string;
  actorId: string;
  actorRole: string;
  workstation: string;
  at: string;
  hlc: string;
  corrects: string | null;
  prevHash: string;
}

/**
 * SHA-256 over a JSON array of the fields (JSON quoting makes the encoding unambiguous, so no
 * two different events can serialise to the same bytes). `payload` is hashed as the exact text
 * stored, never re-serialised.
 */
export function eventHash(fields: ChainedFields): string {
  const canonical = JSON.stringify([
    fields.seq,
    fields.id,
    fields.dossierId,
    fields.type,
    fields.payload,
    fields.actorId,
    fields.actorRole,
    fields.workstation,
    fields.at,
    fields.hlc,
    fields.corrects,
    fields.prevHash,
  ]);
  return createHash('sha256').update(canonical).digest('hex');
}
