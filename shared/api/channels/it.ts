import { read } from '../access';
import { channel } from '../channel';
import { applyUpdateRequest, configProvenanceSchema, updateStatusSchema } from '../itSchemas';
import { emptyRequest } from '../schemas';

/** IT's concerns on the floor: the update on offer, and where the configuration comes from. */
export const itChannels = [
  // Every operator sees that an update waits and applies it at a quiet moment (nothing journaled).
  channel('update:status', { method: 'updateStatus', request: emptyRequest, response: updateStatusSchema, access: read('session') }),
  channel('update:apply', { method: 'applyUpdate', request: applyUpdateRequest, response: updateStatusSchema, access: read('session') }),
  // Where each setting comes from (paths, IT's policy): IT's screen.
  channel('workstation:config', { method: 'workstationConfig', request: emptyRequest, response: configProvenanceSchema, access: read(['ADMIN']) }),
] as const;
