import type { EventOf, PlateauApi, RequestOf, ResponseOf, Unsubscribe } from '../../../shared/api/contract';
import { fail, type Envelope } from '../../../shared/api/envelope';

/**
 * The renderer's only door to the services. A transport failure (services gone, IPC broken)
 * becomes an E_TRANSPORT envelope: components handle one shape of result, never an exception.
 */
async function call<T>(invoke: (api: PlateauApi) => Promise<Envelope<T>>): Promise<Envelope<T>> {
  try {
    return await invoke(window.plateau);
  } catch (error) {
    return fail('E_TRANSPORT', error instanceof Error ? error.message : String(error));
  }
}

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
  hubStatus: (): Promise<Envelope<ResponseOf<'hub:status'>>> => call((api) => api.hubStatus({})),
  onDossierChanged: (listener: (event: EventOf<'dossier:changed'>) => void): Unsubscribe => window.plateau.onDossierChanged(listener),
  onHubStatus: (listener: (event: EventOf<'hub:status'>) => void): Unsubscribe => window.plateau.onHubStatus(listener),
};
