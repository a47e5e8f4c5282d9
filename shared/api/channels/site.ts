import { read } from '../access';
import { channel } from '../channel';
import { siteStatusSchema } from '../roomSchemas';
import { emptyRequest } from '../schemas';

/** The room (issue 12): the link to the site service, for everyone on the floor. */
export const siteChannels = [channel('site:status', { method: 'siteStatus', request: emptyRequest, response: siteStatusSchema, access: read('session') })] as const;
