import { z } from 'zod';
import { HTTPS_RULE, isSecureUrl, secureUrlMessage } from '../../../shared/domain/secureUrl';

/** x.y.z with an optional pre-release, as electron-builder writes `version:` in latest.yml. */
export const VERSION_PATTERN = /^\d+\.\d+\.\d+(-[0-9A-Za-z.-]+)?$/;

/**
 * Updates from a generic feed IT hosts (a folder with latest.yml / latest-linux.yml and the
 * installers). The artefacts are checked against the feed's sha512, so plain http is tolerated
 * only on loopback (a test feed, or a local relay); anything else must be https.
 */
export const updatesConfigSchema = z
  .strictObject({
    feedUrl: z
      .url({ protocol: /^https?$/ })
      .max(1000)
      .refine((url) => isSecureUrl(url, HTTPS_RULE), secureUrlMessage(HTTPS_RULE)),
    /** How often the feed is read (the first check comes a minute after start). */
    checkEveryMinutes: z.number().int().min(5).max(24 * 60).default(60),
    /** IT's pin: this version and no other is installed (null: the feed's newest). */
    pinVersion: z.string().regex(VERSION_PATTERN, 'expected a version such as "1.4.2"').nullable().default(null),
    /** Nothing is downloaded nor installed while true (IT holds the room, e.g. during an incident). */
    hold: z.boolean().default(false),
    /** This workstation belongs to the first share of a staged rollout, whatever the feed's percentage. */
    firstWave: z.boolean().default(false),
    /** Windows: the publisher the installer's Authenticode signature must name (checked by electron-updater). */
    publisherName: z.array(z.string().min(1).max(200)).max(10).default([]),
  })
  .nullable()
  .default(null);

export type UpdatesConfig = NonNullable<z.output<typeof updatesConfigSchema>>;
