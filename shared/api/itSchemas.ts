import { z } from 'zod';

/** IT's channels: the update on offer, and where the workstation's configuration comes from. */

export const UPDATE_STATES = ['disabled', 'idle', 'checking', 'downloading', 'ready', 'refused'] as const;
/** Why nothing is on offer (a decision) or why something was refused (a problem). */
export const UPDATE_REASONS = [
  'upToDate',
  'held',
  'pinned',
  'notInRollout',
  'lowerVersion',
  'feedUnreachable',
  'feedNotYaml',
  'feedInvalid',
  'artefactMissing',
  'tampered',
  'truncated',
  'noPublisher',
  'installerFailed',
] as const;

export const updateStatusSchema = z.strictObject({
  state: z.enum(UPDATE_STATES),
  current: z.string().max(100),
  /** The verified version waiting to be applied (state ready). */
  available: z.string().max(100).nullable(),
  reason: z.enum(UPDATE_REASONS).nullable(),
  /** For IT: the address, file or rule behind the reason (untranslated). */
  detail: z.string().max(2000).nullable(),
  checkedAt: z.iso.datetime().nullable(),
  /** False where this process cannot install (the browser harness): offered, never applied. */
  canInstall: z.boolean(),
});
export type UpdateStatus = z.output<typeof updateStatusSchema>;

/** The renderer knows whether typed work is unsaved; the services know the calls. */
export const applyUpdateRequest = z.strictObject({ unsavedWork: z.boolean() });

export const CONFIG_SOURCE_KINDS = ['override', 'machine', 'site', 'user', 'default', 'given'] as const;

export const configProvenanceSchema = z.strictObject({
  settings: z
    .array(
      z.strictObject({
        key: z.string().max(100),
        kind: z.enum(CONFIG_SOURCE_KINDS),
        origin: z.string().max(1000).nullable(),
        /** The value in use, as JSON (the configuration holds paths, never secrets). */
        value: z.string().max(4000),
      }),
    )
    .max(100),
  notices: z.array(z.strictObject({ origin: z.string().max(1000), key: z.string().max(100).nullable(), message: z.string().max(2000) })).max(100),
  files: z.array(z.strictObject({ kind: z.enum(CONFIG_SOURCE_KINDS), path: z.string().max(1000), used: z.boolean() })).max(10),
});
export type ConfigProvenance = z.output<typeof configProvenanceSchema>;
