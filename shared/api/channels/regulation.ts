import { CARE, PHYSICIANS, TAKERS, read, write } from '../access';
import { channel } from '../channel';
import { addDecisionRequest, callbackListRequest, callbackListResponse, callbackSchema, dossierReportResponse, dossierSchema, emptyRequest, getDossierRequest, osnpListResponse, recordAppointmentRequest, claimCallbackRequest, recordAttemptRequest, reportPdfResponse, requestCallbackRequest, takeDossierRequest } from '../schemas';

/** Regulation: the physician's decisions, the closing interlock, reports, appointments and callbacks. */
export const regulationChannels = [
  channel('dossier:take', { method: 'takeDossier', request: takeDossierRequest, response: dossierSchema, access: write(PHYSICIANS) }),
  channel('dossier:addDecision', { method: 'addDecision', request: addDecisionRequest, response: dossierSchema, access: write(PHYSICIANS) }),
  // Interlock (lifecycle.ts): a DRM needs a physician's decision before anyone finishes it.
  channel('dossier:finish', { method: 'finishDossier', request: getDossierRequest, response: dossierSchema, access: write(TAKERS) }),
  // An ARM validates a non-medical (DR) dossier; the life cycle keeps a medical one (DRM) to physicians.
  channel('dossier:validate', { method: 'validateDossier', request: getDossierRequest, response: dossierSchema, access: write(TAKERS) }),
  channel('dossier:report', { method: 'dossierReport', request: getDossierRequest, response: dossierReportResponse, access: read(['MRU', 'MRL', 'SUPERVISEUR']) }),
  channel('dossier:reportPdf', { method: 'saveReportPdf', request: getDossierRequest, response: reportPdfResponse, access: read(['MRU', 'MRL', 'SUPERVISEUR']) }),
  channel('appointment:record', { method: 'recordAppointment', request: recordAppointmentRequest, response: dossierSchema, access: write(['OSNP', 'MRL']) }),
  channel('osnp:list', { method: 'listOsnp', request: emptyRequest, response: osnpListResponse, access: read(['OSNP', 'MRL', 'SUPERVISEUR']) }),
  channel('callback:list', { method: 'listCallbacks', request: callbackListRequest, response: callbackListResponse, access: read(CARE) }),
  channel('callback:claim', { method: 'claimCallback', request: claimCallbackRequest, response: callbackSchema, access: write(['ARM', 'OSNP', 'MRU', 'MRL', 'SUPERVISEUR']) }),
  channel('callback:recordAttempt', { method: 'recordCallbackAttempt', request: recordAttemptRequest, response: callbackSchema, access: write(['ARM', 'OSNP', 'MRU', 'MRL', 'SUPERVISEUR']) }),
  channel('callback:request', { method: 'requestCallback', request: requestCallbackRequest, response: callbackSchema, access: write(TAKERS) }),
] as const;
