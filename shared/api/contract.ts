import type { z } from 'zod';
import type { Envelope } from './envelope';
import {
  addressSearchRequest,
  addressSearchResponse,
  addNoteRequest,
  callerHistoryRequest,
  callerHistoryResponse,
  linkDossiersRequest,
  updateCallerRequest,
  updateQualificationRequest,
  upsertPatientRequest,
  createDossierRequest,
  dossierChangedEvent,
  callbackChangedEvent,
  dossierSchema,
  emptyRequest,
  getDossierRequest,
  journalStatusSchema,
  queueListRequest,
  queueListResponse,
  routeDossierRequest,
  setLocationRequest,
  searchDossiersRequest,
  searchDossiersResponse,
  setPriorityRequest,
  workstationInfoSchema,
  authStatusSchema,
  loginRequest,
  unlockRequest,
  createOperatorRequest,
  operatorSchema,
  operatorListResponse,
  takeDossierRequest,
  addDecisionRequest,
  dossierReportResponse,
  recordAppointmentRequest,
  osnpListResponse,
  callbackListRequest,
  callbackListResponse,
  callbackSchema,
  recordAttemptRequest,
  requestCallbackRequest,
} from './schemas';
import {
  callAttachRequest,
  callChangedEvent,
  callDtmfRequest,
  callIdRequest,
  callExtensionsResponse,
  callListResponse,
  callPlaceRequest,
  callSchema,
  callTransferRequest,
  lostCallsRequest,
  lostCallsResponse,
  mediaRequestEvent,
  mediaRespondRequest,
  mediaRespondResponse,
  setSipPasswordRequest,
  telephonyStatusSchema,
} from './telephonySchemas';

/** Request/response channels, `domain:verb`. */
export const CHANNELS = [
  'dossier:create',
  'dossier:setPriority',
  'dossier:get',
  'dossier:updateCaller',
  'dossier:upsertPatient',
  'dossier:updateQualification',
  'dossier:addNote',
  'dossier:link',
  'dossier:callerHistory',
  'dossier:route',
  'dossier:setLocation',
  'dossier:search',
  'address:search',
  'queue:list',
  'journal:status',
  'workstation:info',
  'call:list',
  'call:answer',
  'call:hangup',
  'call:hold',
  'call:resume',
  'call:dtmf',
  'call:transfer',
  'call:place',
  'call:attach',
  'call:lost',
  'call:extensions',
  'telephony:status',
  'telephony:setPassword',
  'media:respond',
  'auth:status',
  'auth:login',
  'auth:lock',
  'auth:unlock',
  'auth:logout',
  'operator:create',
  'operator:list',
  'dossier:take',
  'dossier:addDecision',
  'dossier:finish',
  'dossier:validate',
  'dossier:report',
  'appointment:record',
  'osnp:list',
  'callback:list',
  'callback:recordAttempt',
  'callback:request',
] as const;
export type Channel = (typeof CHANNELS)[number];

/** Events pushed from the services to the renderer. */
export const EVENTS = ['dossier:changed', 'call:changed', 'telephony:status', 'media:request', 'callback:changed'] as const;
export type EventChannel = (typeof EVENTS)[number];

export interface ChannelSpec {
  request: z.ZodType;
  response: z.ZodType;
}

/** A channel without both schemas fails the type-check here. */
export const contract = {
  'dossier:create': { request: createDossierRequest, response: dossierSchema },
  'dossier:setPriority': { request: setPriorityRequest, response: dossierSchema },
  'dossier:get': { request: getDossierRequest, response: dossierSchema },
  'dossier:updateCaller': { request: updateCallerRequest, response: dossierSchema },
  'dossier:upsertPatient': { request: upsertPatientRequest, response: dossierSchema },
  'dossier:updateQualification': { request: updateQualificationRequest, response: dossierSchema },
  'dossier:addNote': { request: addNoteRequest, response: dossierSchema },
  'dossier:link': { request: linkDossiersRequest, response: dossierSchema },
  'dossier:callerHistory': { request: callerHistoryRequest, response: callerHistoryResponse },
  'dossier:route': { request: routeDossierRequest, response: dossierSchema },
  'dossier:setLocation': { request: setLocationRequest, response: dossierSchema },
  'dossier:search': { request: searchDossiersRequest, response: searchDossiersResponse },
  'address:search': { request: addressSearchRequest, response: addressSearchResponse },
  'queue:list': { request: queueListRequest, response: queueListResponse },
  'journal:status': { request: emptyRequest, response: journalStatusSchema },
  'workstation:info': { request: emptyRequest, response: workstationInfoSchema },
  'call:list': { request: emptyRequest, response: callListResponse },
  'call:answer': { request: callIdRequest, response: callSchema },
  'call:hangup': { request: callIdRequest, response: callSchema },
  'call:hold': { request: callIdRequest, response: callSchema },
  'call:resume': { request: callIdRequest, response: callSchema },
  'call:dtmf': { request: callDtmfRequest, response: callSchema },
  'call:transfer': { request: callTransferRequest, response: callSchema },
  'call:place': { request: callPlaceRequest, response: callSchema },
  'call:attach': { request: callAttachRequest, response: callSchema },
  'call:lost': { request: lostCallsRequest, response: lostCallsResponse },
  'call:extensions': { request: emptyRequest, response: callExtensionsResponse },
  'telephony:status': { request: emptyRequest, response: telephonyStatusSchema },
  'telephony:setPassword': { request: setSipPasswordRequest, response: telephonyStatusSchema },
  'media:respond': { request: mediaRespondRequest, response: mediaRespondResponse },
  'auth:status': { request: emptyRequest, response: authStatusSchema },
  'auth:login': { request: loginRequest, response: authStatusSchema },
  'auth:lock': { request: emptyRequest, response: authStatusSchema },
  'auth:unlock': { request: unlockRequest, response: authStatusSchema },
  'auth:logout': { request: emptyRequest, response: authStatusSchema },
  'operator:create': { request: createOperatorRequest, response: operatorSchema },
  'operator:list': { request: emptyRequest, response: operatorListResponse },
  'dossier:take': { request: takeDossierRequest, response: dossierSchema },
  'dossier:addDecision': { request: addDecisionRequest, response: dossierSchema },
  'dossier:finish': { request: getDossierRequest, response: dossierSchema },
  'dossier:validate': { request: getDossierRequest, response: dossierSchema },
  'dossier:report': { request: getDossierRequest, response: dossierReportResponse },
  'appointment:record': { request: recordAppointmentRequest, response: dossierSchema },
  'osnp:list': { request: emptyRequest, response: osnpListResponse },
  'callback:list': { request: callbackListRequest, response: callbackListResponse },
  'callback:recordAttempt': { request: recordAttemptRequest, response: callbackSchema },
  'callback:request': { request: requestCallbackRequest, response: callbackSchema },
} satisfies Record<Channel, ChannelSpec>;

export const eventContract = {
  'dossier:changed': dossierChangedEvent,
  'call:changed': callChangedEvent,
  'telephony:status': telephonyStatusSchema,
  'media:request': mediaRequestEvent,
  'callback:changed': callbackChangedEvent,
} satisfies Record<EventChannel, z.ZodType>;

/** The named functions of `window.plateau`, each bound to one channel. */
export const METHODS = {
  createDossier: 'dossier:create',
  setPriority: 'dossier:setPriority',
  getDossier: 'dossier:get',
  updateCaller: 'dossier:updateCaller',
  upsertPatient: 'dossier:upsertPatient',
  updateQualification: 'dossier:updateQualification',
  addNote: 'dossier:addNote',
  linkDossiers: 'dossier:link',
  callerHistory: 'dossier:callerHistory',
  routeDossier: 'dossier:route',
  setLocation: 'dossier:setLocation',
  searchDossiers: 'dossier:search',
  searchAddress: 'address:search',
  listQueue: 'queue:list',
  journalStatus: 'journal:status',
  workstationInfo: 'workstation:info',
  listCalls: 'call:list',
  answerCall: 'call:answer',
  hangupCall: 'call:hangup',
  holdCall: 'call:hold',
  resumeCall: 'call:resume',
  sendDtmf: 'call:dtmf',
  transferCall: 'call:transfer',
  placeCall: 'call:place',
  attachCall: 'call:attach',
  lostCalls: 'call:lost',
  listExtensions: 'call:extensions',
  telephonyStatus: 'telephony:status',
  setSipPassword: 'telephony:setPassword',
  respondMedia: 'media:respond',
  authStatus: 'auth:status',
  login: 'auth:login',
  lock: 'auth:lock',
  unlock: 'auth:unlock',
  logout: 'auth:logout',
  createOperator: 'operator:create',
  listOperators: 'operator:list',
  takeDossier: 'dossier:take',
  addDecision: 'dossier:addDecision',
  finishDossier: 'dossier:finish',
  validateDossier: 'dossier:validate',
  dossierReport: 'dossier:report',
  recordAppointment: 'appointment:record',
  listOsnp: 'osnp:list',
  listCallbacks: 'callback:list',
  recordCallbackAttempt: 'callback:recordAttempt',
  requestCallback: 'callback:request',
} as const satisfies Record<string, Channel>;

export const LISTENERS = {
  onDossierChanged: 'dossier:changed',
  onCallChanged: 'call:changed',
  onTelephonyStatus: 'telephony:status',
  onMediaRequest: 'media:request',
  onCallbackChanged: 'callback:changed',
} as const satisfies Record<`on${string}`, EventChannel>;

export type RequestOf<C extends Channel> = z.input<(typeof contract)[C]['request']>;
export type ParsedRequestOf<C extends Channel> = z.output<(typeof contract)[C]['request']>;
export type ResponseOf<C extends Channel> = z.output<(typeof contract)[C]['response']>;
export type EventOf<E extends EventChannel> = z.output<(typeof eventContract)[E]>;

export type Unsubscribe = () => void;

export type PlateauApi = {
  readonly [M in keyof typeof METHODS]: (
    request: RequestOf<(typeof METHODS)[M]>,
  ) => Promise<Envelope<ResponseOf<(typeof METHODS)[M]>>>;
} & {
  readonly [L in keyof typeof LISTENERS]: (listener: (event: EventOf<(typeof LISTENERS)[L]>) => void) => Unsubscribe;
};

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && (CHANNELS as readonly string[]).includes(value);
}
