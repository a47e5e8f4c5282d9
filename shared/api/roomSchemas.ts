import { z } from 'zod';

const isoInstant = z.iso.datetime({ offset: true });

/** A step this desk lost to another desk, as the site decided it (ROOM.md §3). */
export const siteConflictSchema = z.strictObject({
  dossierId: z.string().nullable(),
  localNumber: z.string().nullable(),
  step: z.enum(['take', 'finish', 'validate', 'appointment', 'callback', 'field']),
  reason: z.string().max(100),
  winnerName: z.string().max(200).nullable(),
  winnerAt: z.string().max(40).nullable(),
  at: isoInstant,
});

/** The room link as the status bar shows it; `configured: false` on a standalone desk. */
export const siteStatusSchema = z.strictObject({
  configured: z.boolean(),
  state: z.enum(['standalone', 'connecting', 'online', 'offline']),
  offlineSince: isoInstant.nullable(),
  /** Own events committed here and not yet confirmed by the site. */
  pending: z.number().int().nonnegative(),
  refused: z.number().int().nonnegative(),
  pulledPos: z.number().int().nonnegative(),
  head: z.number().int().nonnegative(),
  /**
   * A new desk downloading the room (ROOM.md §4): first the accounts and the open dossiers (`open`,
   * not usable yet), then the rest of the log (`history`: usable, the history after `historyThrough`
   * still missing, open dossiers aside). null once the desk has the whole log.
   */
  join: z
    .strictObject({
      stage: z.enum(['open', 'history']),
      received: z.number().int().nonnegative(),
      total: z.number().int().nonnegative(),
      secondsLeft: z.number().int().nonnegative().nullable(),
      historyThrough: isoInstant.nullable(),
    })
    .nullable(),
  /** The latest steps this desk lost, newest first. */
  conflicts: z.array(siteConflictSchema).max(20),
});
