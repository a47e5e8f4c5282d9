import { read } from '../access';
import { channel } from '../channel';
import { floorViewSchema, indicatorPeriodRequest, indicatorReportSchema } from '../indicatorSchemas';
import { emptyRequest, reportPdfResponse } from '../schemas';

/**
 * The supervisor's screen (issue 15): the room's figures and its live floor are for the
 * supervisor only — an ARM or a physician gets E_FORBIDDEN (they run the floor, not report on it).
 */
export const indicatorChannels = [
  channel('indicators:report', { method: 'indicatorReport', request: indicatorPeriodRequest, response: indicatorReportSchema, access: read(['SUPERVISEUR']) }),
  channel('indicators:reportPdf', { method: 'saveIndicatorReportPdf', request: indicatorPeriodRequest, response: reportPdfResponse, access: read(['SUPERVISEUR']) }),
  channel('floor:status', { method: 'floorStatus', request: emptyRequest, response: floorViewSchema, access: read(['SUPERVISEUR']) }),
] as const;
