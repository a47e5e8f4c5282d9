import { CARE, read, write } from '../access';
import { channel } from '../channel';
import { emptyRequest } from '../schemas';
import { callAttachRequest, callConferenceRequest, callConferenceResponse, callConsultRequest, callControlRequest, callDirectoryResponse, callDtmfRequest, callExtensionsResponse, callHistoryRequest, callHistoryResponse, callIdRequest, callListResponse, callPlaceRequest, callSchema, callTransferRequest, lostCallsRequest, lostCallsResponse, mediaRespondRequest, mediaRespondResponse, setSipPasswordRequest, telephonyStatusSchema } from '../telephonySchemas';

/** The softphone: every floor operator answers and places calls; each step is journaled. */
export const callChannels = [
  channel('call:list', { method: 'listCalls', request: emptyRequest, response: callListResponse, access: read(CARE) }),
  channel('call:answer', { method: 'answerCall', request: callIdRequest, response: callSchema, access: write(CARE) }),
  channel('call:hangup', { method: 'hangupCall', request: callControlRequest, response: callSchema, access: write(CARE) }),
  channel('call:hold', { method: 'holdCall', request: callControlRequest, response: callSchema, access: write(CARE) }),
  channel('call:resume', { method: 'resumeCall', request: callIdRequest, response: callSchema, access: write(CARE) }),
  channel('call:dtmf', { method: 'sendDtmf', request: callDtmfRequest, response: callSchema, access: write(CARE) }),
  channel('call:transfer', { method: 'transferCall', request: callTransferRequest, response: callSchema, access: write(CARE) }),
  channel('call:consult', { method: 'consultCall', request: callConsultRequest, response: callSchema, access: write(CARE) }),
  channel('call:conference', { method: 'conferenceCall', request: callConferenceRequest, response: callConferenceResponse, access: write(CARE) }),
  channel('call:directory', { method: 'callDirectory', request: emptyRequest, response: callDirectoryResponse, access: read(CARE) }),
  channel('call:history', { method: 'callHistory', request: callHistoryRequest, response: callHistoryResponse, access: read(CARE) }),
  channel('call:place', { method: 'placeCall', request: callPlaceRequest, response: callSchema, access: write(CARE) }),
  channel('call:attach', { method: 'attachCall', request: callAttachRequest, response: callSchema, access: write(CARE) }),
  channel('call:lost', { method: 'lostCalls', request: lostCallsRequest, response: lostCallsResponse, access: read(CARE) }),
  channel('call:extensions', { method: 'listExtensions', request: emptyRequest, response: callExtensionsResponse, access: read(CARE) }),
  // Registration health carries no personal data: shown on the sign-in screen too.
  channel('telephony:status', { method: 'telephonyStatus', request: emptyRequest, response: telephonyStatusSchema, access: read('public') }),
  // The position's SIP secret is IT's (or the supervisor's) to set, never a call-taker's.
  // Anyone on the floor may ask the position to register again (the proxy came back, the night is long).
  channel('telephony:reregister', { method: 'reregisterTelephony', request: emptyRequest, response: telephonyStatusSchema, access: write([...CARE, 'ADMIN']) }),
  channel('telephony:setPassword', { method: 'setSipPassword', request: setSipPasswordRequest, response: telephonyStatusSchema, access: write(['ADMIN', 'SUPERVISEUR']) }),
  // The renderer's SDP for a call already under way (a far-end re-INVITE can come while the
  // position is locked): only a pending request id is accepted, and the sender is checked.
  channel('media:respond', { method: 'respondMedia', request: mediaRespondRequest, response: mediaRespondResponse, access: read('public') }),
] as const;
