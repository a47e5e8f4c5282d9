import { read, write } from '../access';
import { channel } from '../channel';
import { emptyRequest, journalStatusSchema, setLanguageRequest, setLanguageResponse, workstationInfoSchema } from '../schemas';

/** The workstation itself: the journal's health and the site's identity. */
export const workstationChannels = [
  channel('journal:status', { method: 'journalStatus', request: emptyRequest, response: journalStatusSchema, access: read('session') }),
  channel('workstation:info', { method: 'workstationInfo', request: emptyRequest, response: workstationInfoSchema, access: read('public') }),
  // The screens' language, chosen by whoever works here: kept for the next start.
  channel('workstation:setLanguage', { method: 'setLanguage', request: setLanguageRequest, response: setLanguageResponse, access: write('session') }),
] as const;
