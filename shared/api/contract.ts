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
  syncStatusSchema,
  hubInboxProblemsRequest,
  hubInboxProblemsResponse,
  sasAppointmentsResponse,
  attachAppointmentRequest,
  attachAppointmentResponse,
} from './schemas';

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
  'hub:status',
  'hub:inboxProblems',
  'sas:appointmentsToAttach',
  'sas:attachAppointment',
] as const;
export type Channel = (typeof CHANNELS)[number];

/** Events pushed from the services to the renderer. */
export const EVENTS = ['dossier:changed', 'hub:status'] as const;
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
  'hub:status': { request: emptyRequest, response: syncStatusSchema },
  'hub:inboxProblems': { request: hubInboxProblemsRequest, response: hubInboxProblemsResponse },
  'sas:appointmentsToAttach': { request: emptyRequest, response: sasAppointmentsResponse },
  'sas:attachAppointment': { request: attachAppointmentRequest, response: attachAppointmentResponse },
} satisfies Record<Channel, ChannelSpec>;

export const eventContract = {
  'dossier:changed': dossierChangedEvent,
  'hub:status': syncStatusSchema,
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
  hubStatus: 'hub:status',
  hubInboxProblems: 'hub:inboxProblems',
  sasAppointmentsToAttach: 'sas:appointmentsToAttach',
  attachSasAppointment: 'sas:attachAppointment',
} as const satisfies Record<string, Channel>;

export const LISTENERS = {
  onDossierChanged: 'dossier:changed',
  onHubStatus: 'hub:status',
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
