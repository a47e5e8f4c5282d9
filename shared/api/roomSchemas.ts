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
  /** The latest steps this desk lost, newest first. */
  conflicts: z.array(siteConflictSchema).max(20),
});
