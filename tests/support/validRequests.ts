import type { Channel } from '../../shared/api/contract';

export interface RequestIds {
  dossierId: string;
  callbackId: string;
}

/**
 * A valid request per channel: the base the fuzz test derives each bad input from, and what
 * the permission matrix sends as every role. A new channel without its line fails the type-check.
 */
export const VALID_REQUESTS = {
  'dossier:create': () => ({ kind: 'DRM', origin: '15', callerPhone: '06 12 34 56 78', motive: 'malaise', priority: 'P1' }),
  'dossier:setPriority': ({ dossierId }) => ({ dossierId, priority: 'P0' }),
  'dossier:get': ({ dossierId }) => ({ dossierId }),
  'dossier:updateCaller': ({ dossierId }) => ({ dossierId, name: 'Mme Martin', type: 'FAMILLE' }),
  'dossier:upsertPatient': ({ dossierId }) => ({ dossierId, lastName: 'Martin', sex: 'F', ageYears: 80 }),
  'dossier:updateQualification': ({ dossierId }) => ({ dossierId, motif: 'M01.01' }),
  'dossier:addNote': ({ dossierId }) => ({ dossierId, text: 'note' }),
  'dossier:link': ({ dossierId }) => ({ dossierId, otherDossierId: dossierId }),
  'dossier:callerHistory': () => ({ phone: '0612345678' }),
  'dossier:route': ({ dossierId }) => ({ dossierId, queue: 'SNP' }),
  'dossier:setLocation': ({ dossierId }) => ({
    dossierId,
    address: { label: '12 Rue de la République 69002 Lyon', houseNumber: '12', street: 'Rue de la République', postcode: '69002', city: 'Lyon', inseeCode: '69382', lat: 45.7578, lon: 4.835, precision: 'ADRESSE' },
    source: 'BAN',
    floor: '3e',
  }),
  'dossier:search': () => ({ text: 'malaise', limit: 10 }),
  'address:search': () => ({ query: '12 rue de la république', limit: 5 }),
  'queue:list': () => ({}),
  'journal:status': () => ({}),
  'workstation:info': () => ({}),
  'auth:status': () => ({}),
  'auth:login': () => ({ login: 'personne', password: 'mauvais' }),
  'auth:lock': () => ({}),
  'auth:unlock': () => ({ password: 'mauvais' }),
  'auth:logout': () => ({}),
  'auth:pscStart': () => ({}),
  'auth:pscComplete': () => ({ attemptId: '0190a000-0000-7000-8000-000000000001' }),
  'auth:pscCancel': () => ({ attemptId: '0190a000-0000-7000-8000-000000000001' }),
  'psc:setCredential': () => ({ kind: 'clientSecret', value: 'secret-du-client-psc' }),
  'operator:create': () => ({ login: `nouvel.arm.${Math.random().toString(36).slice(2, 8)}`, displayName: 'Nouvel ARM', role: 'ARM', password: 'un-long-mot-de-passe', rpps: null }),
  'operator:list': () => ({}),
  'operator:names': () => ({}),
  // An account nobody uses: the matrix signs every role in again afterwards (E_NOT_FOUND for the admin).
  'operator:deactivate': () => ({ operatorId: '01900000-0000-7000-8000-00000000dead' }),
  'operator:resetPassword': () => ({ operatorId: '01900000-0000-7000-8000-00000000dead', password: 'un-nouveau-mot-de-passe' }),
  'dossier:take': ({ dossierId }) => ({ dossierId }),
  'dossier:addDecision': ({ dossierId }) => ({ dossierId, type: 'CONSEIL', careLevel: 'R4', adviceText: 'hydratation, rappeler si fièvre > 39' }),
  'dossier:finish': ({ dossierId }) => ({ dossierId }),
  'dossier:validate': ({ dossierId }) => ({ dossierId }),
  'dossier:report': ({ dossierId }) => ({ dossierId }),
  'dossier:reportPdf': ({ dossierId }) => ({ dossierId }),
  'appointment:record': ({ dossierId }) => ({ dossierId, practitioner: 'Dr Durand', place: '3 rue Garibaldi, Lyon', startsAt: '2030-01-02T09:30:00.000Z', category: 'AMB' }),
  'osnp:list': () => ({}),
  'callback:list': () => ({ includeDone: true }),
  'callback:recordAttempt': ({ callbackId }) => ({ callbackId, outcome: 'NO_ANSWER', note: 'sonnerie sans réponse' }),
  'callback:request': ({ dossierId }) => ({ dossierId, reason: 'rappeler pour les résultats' }),
  'call:list': () => ({}),
  'call:answer': ({ dossierId }) => ({ callId: dossierId }),
  'call:hangup': ({ dossierId }) => ({ callId: dossierId }),
  'call:hold': ({ dossierId }) => ({ callId: dossierId }),
  'call:resume': ({ dossierId }) => ({ callId: dossierId }),
  'call:dtmf': ({ dossierId }) => ({ callId: dossierId, tones: '12#' }),
  'call:transfer': ({ dossierId }) => ({ callId: dossierId, target: { kind: 'queue', queue: 'SNP' } }),
  'call:place': ({ dossierId }) => ({ target: { kind: 'external', number: '0612345678' }, dossierId }),
  'call:attach': ({ dossierId }) => ({ callId: dossierId, dossierId }),
  'call:lost': () => ({ from: '2026-01-01T00:00:00Z', limit: 10 }),
  'call:extensions': () => ({}),
  'call:consult': ({ dossierId }) => ({ callId: dossierId, target: { kind: 'extension', extension: '201' } }),
  'call:conference': ({ dossierId }) => ({ callId: dossierId, consultCallId: dossierId }),
  'call:directory': () => ({}),
  'call:history': () => ({ limit: 20 }),
  'telephony:status': () => ({}),
  'telephony:setPassword': () => ({ password: 'secret' }),
  'media:respond': ({ dossierId }) => ({ requestId: dossierId, sdp: 'v=0' }),
  'hub:status': () => ({}),
  'update:status': () => ({}),
  'update:apply': () => ({ unsavedWork: false }),
  'workstation:config': () => ({}),
  'hub:inboxProblems': () => ({ limit: 10 }),
  'indicators:report': () => ({ from: '2026-11-01', to: '2026-11-30', granularity: 'day' }),
  'indicators:reportPdf': () => ({ from: '2026-11-01', to: '2026-11-30' }),
  'floor:status': () => ({}),
  'sas:appointmentsToAttach': () => ({}),
  'sas:attachAppointment': ({ dossierId }) => ({ appointmentId: '2d2db05f-e2b0-4169-be8f-891806da2c74', dossierId }),
  'dossier:transmissions': ({ dossierId }) => ({ dossierId }),
  'dossier:sharePreview': ({ dossierId }) => ({ dossierId }),
  'dossier:share': ({ dossierId }) => ({ dossierId, partner: 'fr.health.samu440' }),
  'pharmacy:onDuty': ({ dossierId }) => ({ dossierId, at: '2026-12-06T22:40:00.000Z' }),
  'pharmacy:choose': ({ dossierId }) => ({ dossierId, finess: '690000011' }),
  'packs:status': () => ({}),
} satisfies Record<Channel, (ids: RequestIds) => Record<string, unknown>>;

export function validRequest(channel: Channel, ids: RequestIds): Record<string, unknown> {
  return VALID_REQUESTS[channel](ids);
}
