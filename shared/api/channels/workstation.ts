import { read } from '../access';
import { channel } from '../channel';
import { emptyRequest, journalStatusSchema, workstationInfoSchema } from '../schemas';

/** The workstation itself: the journal's health and the site's identity. */
export const workstationChannels = [
  channel('journal:status', { method: 'journalStatus', request: emptyRequest, response: journalStatusSchema, access: read('session') }),
  channel('workstation:info', { method: 'workstationInfo', request: emptyRequest, response: workstationInfoSchema, access: read('public') }),
] as const;
