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
  listQueue: (): Promise<Envelope<ResponseOf<'queue:list'>>> => call((api) => api.listQueue({})),
  journalStatus: (): Promise<Envelope<ResponseOf<'journal:status'>>> => call((api) => api.journalStatus({})),
  workstationInfo: (): Promise<Envelope<ResponseOf<'workstation:info'>>> => call((api) => api.workstationInfo({})),
  onDossierChanged: (listener: (event: EventOf<'dossier:changed'>) => void): Unsubscribe => window.plateau.onDossierChanged(listener),
};
