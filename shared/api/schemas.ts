import { z } from 'zod';
import { DOSSIER_KINDS, DOSSIER_STATES, ORIGINS } from '../domain/dossier';
import { PRIORITIES } from '../domain/priority';

/**
 * Request schemas are strict (an unknown field is refused, `__proto__` included) and every
 * string is bounded, so a hostile or buggy renderer cannot push megabytes into the journal.
 */
const id = z.uuid();
const isoInstant = z.iso.datetime({ offset: true });

export const priority = z.enum(PRIORITIES);
export const origin = z.enum(ORIGINS);

export const dossierSchema = z.strictObject({
  id,
  localNumber: z.string(),
  caseId: z.string(),
  kind: z.enum(DOSSIER_KINDS),
  state: z.enum(DOSSIER_STATES),
  origin,
  callerPhone: z.string().nullable(),
  motive: z.string(),
  priority,
  createdAt: isoInstant,
  updatedAt: isoInstant,
  lastSeq: z.number().int().positive(),
});

export const queueEntrySchema = dossierSchema.pick({
  id: true,
  localNumber: true,
  priority: true,
  createdAt: true,
  callerPhone: true,
  motive: true,
  state: true,
});

export const createDossierRequest = z.strictObject({
  kind: z.enum(DOSSIER_KINDS).default('DRM'),
  origin: origin.default('15'),
  /** As typed by the ARM; normalised to E.164 by the service. Empty = number withheld. */
  callerPhone: z.string().max(40),
  motive: z.string().trim().min(1).max(2000),
  priority: priority.default('P2'),
});

export const setPriorityRequest = z.strictObject({ dossierId: id, priority });
export const getDossierRequest = z.strictObject({ dossierId: id });
export const emptyRequest = z.strictObject({});

export const queueListResponse = z.strictObject({ entries: z.array(queueEntrySchema) });

export const journalStatusSchema = z.strictObject({
  path: z.string(),
  events: z.number().int().nonnegative(),
  lastSeq: z.number().int().nonnegative(),
  chainValid: z.boolean(),
  /** First seq where the chain breaks, when it does. */
  brokenAt: z.number().int().positive().nullable(),
  problem: z.string().nullable(),
  pendingOutbox: z.number().int().nonnegative(),
});

export const workstationInfoSchema = z.strictObject({
  siteCode: z.string(),
  siteName: z.string(),
  departement: z.string(),
  workstationId: z.string(),
  timeZone: z.string(),
});

export const dossierChangedEvent = z.strictObject({ dossierId: id, seq: z.number().int().positive() });
