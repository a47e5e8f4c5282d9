import type { EventOf, PlateauApi, RequestOf, ResponseOf, Unsubscribe } from '../../../shared/api/contract';
import { fail, type Envelope } from '../../../shared/api/envelope';

/**
 * The renderer's only door to the services. A transport failure (services gone, IPC broken)
 * becomes an E_TRANSPORT envelope: components handle one shape of result, never an exception.
 */
async function call<T>(invoke: (api: PlateauApi) => Promise<Envelope<T>>): Promise<Envelope<T>> {
  let result: Envelope<T>;
  try {
    result = await invoke(window.plateau);
  } catch (error) {
    return fail('E_TRANSPORT', error instanceof Error ? error.message : String(error));
  }
  // The session locked itself (idle) or the services restarted: the screens must know at once.
  if (!result.ok && result.error.code === 'E_UNAUTHENTICATED') for (const listener of unauthenticated) listener();
  return result;
}

const unauthenticated = new Set<() => void>();

export const backend = {
  createDossier: (request: RequestOf<'dossier:create'>): Promise<Envelope<ResponseOf<'dossier:create'>>> => call((api) => api.createDossier(request)),
  setPriority: (request: RequestOf<'dossier:setPriority'>): Promise<Envelope<ResponseOf<'dossier:setPriority'>>> => call((api) => api.setPriority(request)),
  getDossier: (request: RequestOf<'dossier:get'>): Promise<Envelope<ResponseOf<'dossier:get'>>> => call((api) => api.getDossier(request)),
  listQueue: (request: RequestOf<'queue:list'> = {}): Promise<Envelope<ResponseOf<'queue:list'>>> => call((api) => api.listQueue(request)),
  callerHistory: (request: RequestOf<'dossier:callerHistory'>): Promise<Envelope<ResponseOf<'dossier:callerHistory'>>> => call((api) => api.callerHistory(request)),
  linkDossiers: (request: RequestOf<'dossier:link'>): Promise<Envelope<ResponseOf<'dossier:link'>>> => call((api) => api.linkDossiers(request)),
  searchAddress: (request: RequestOf<'address:search'>): Promise<Envelope<ResponseOf<'address:search'>>> => call((api) => api.searchAddress(request)),
  setLocation: (request: RequestOf<'dossier:setLocation'>): Promise<Envelope<ResponseOf<'dossier:setLocation'>>> => call((api) => api.setLocation(request)),
  upsertPatient: (request: RequestOf<'dossier:upsertPatient'>): Promise<Envelope<ResponseOf<'dossier:upsertPatient'>>> => call((api) => api.upsertPatient(request)),
  updateCaller: (request: RequestOf<'dossier:updateCaller'>): Promise<Envelope<ResponseOf<'dossier:updateCaller'>>> => call((api) => api.updateCaller(request)),
  updateQualification: (request: RequestOf<'dossier:updateQualification'>): Promise<Envelope<ResponseOf<'dossier:updateQualification'>>> => call((api) => api.updateQualification(request)),
  searchDossiers: (request: RequestOf<'dossier:search'>): Promise<Envelope<ResponseOf<'dossier:search'>>> => call((api) => api.searchDossiers(request)),
  routeDossier: (request: RequestOf<'dossier:route'>): Promise<Envelope<ResponseOf<'dossier:route'>>> => call((api) => api.routeDossier(request)),
  journalStatus: (): Promise<Envelope<ResponseOf<'journal:status'>>> => call((api) => api.journalStatus({})),
  workstationInfo: (): Promise<Envelope<ResponseOf<'workstation:info'>>> => call((api) => api.workstationInfo({})),
  authStatus: (): Promise<Envelope<ResponseOf<'auth:status'>>> => call((api) => api.authStatus({})),
  login: (request: RequestOf<'auth:login'>): Promise<Envelope<ResponseOf<'auth:login'>>> => call((api) => api.login(request)),
  unlock: (request: RequestOf<'auth:unlock'>): Promise<Envelope<ResponseOf<'auth:unlock'>>> => call((api) => api.unlock(request)),
  lock: (): Promise<Envelope<ResponseOf<'auth:lock'>>> => call((api) => api.lock({})),
  logout: (): Promise<Envelope<ResponseOf<'auth:logout'>>> => call((api) => api.logout({})),
  createOperator: (request: RequestOf<'operator:create'>): Promise<Envelope<ResponseOf<'operator:create'>>> => call((api) => api.createOperator(request)),
  listOperators: (): Promise<Envelope<ResponseOf<'operator:list'>>> => call((api) => api.listOperators({})),
  takeDossier: (request: RequestOf<'dossier:take'>): Promise<Envelope<ResponseOf<'dossier:take'>>> => call((api) => api.takeDossier(request)),
  addNote: (request: RequestOf<'dossier:addNote'>): Promise<Envelope<ResponseOf<'dossier:addNote'>>> => call((api) => api.addNote(request)),
  addDecision: (request: RequestOf<'dossier:addDecision'>): Promise<Envelope<ResponseOf<'dossier:addDecision'>>> => call((api) => api.addDecision(request)),
  finishDossier: (request: RequestOf<'dossier:finish'>): Promise<Envelope<ResponseOf<'dossier:finish'>>> => call((api) => api.finishDossier(request)),
  validateDossier: (request: RequestOf<'dossier:validate'>): Promise<Envelope<ResponseOf<'dossier:validate'>>> => call((api) => api.validateDossier(request)),
  dossierReport: (request: RequestOf<'dossier:report'>): Promise<Envelope<ResponseOf<'dossier:report'>>> => call((api) => api.dossierReport(request)),
  recordAppointment: (request: RequestOf<'appointment:record'>): Promise<Envelope<ResponseOf<'appointment:record'>>> => call((api) => api.recordAppointment(request)),
  listOsnp: (): Promise<Envelope<ResponseOf<'osnp:list'>>> => call((api) => api.listOsnp({})),
  listCallbacks: (request: RequestOf<'callback:list'> = {}): Promise<Envelope<ResponseOf<'callback:list'>>> => call((api) => api.listCallbacks(request)),
  requestCallback: (request: RequestOf<'callback:request'>): Promise<Envelope<ResponseOf<'callback:request'>>> => call((api) => api.requestCallback(request)),
  recordCallbackAttempt: (request: RequestOf<'callback:recordAttempt'>): Promise<Envelope<ResponseOf<'callback:recordAttempt'>>> => call((api) => api.recordCallbackAttempt(request)),
  /** Called whenever the services answer E_UNAUTHENTICATED. */
  onUnauthenticated: (listener: () => void): Unsubscribe => {
    unauthenticated.add(listener);
    return () => unauthenticated.delete(listener);
  },
  onCallbackChanged: (listener: (event: EventOf<'callback:changed'>) => void): Unsubscribe => window.plateau.onCallbackChanged(listener),
  onDossierChanged: (listener: (event: EventOf<'dossier:changed'>) => void): Unsubscribe => window.plateau.onDossierChanged(listener),
};
