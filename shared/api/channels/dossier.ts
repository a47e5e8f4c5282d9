import { CARE, TAKERS, read, write } from '../access';
import { channel } from '../channel';
import { addNoteRequest, addressSearchRequest, addressSearchResponse, callerHistoryRequest, callerHistoryResponse, communeSearchRequest, communeSearchResponse, createDossierRequest, dossierSchema, getDossierRequest, linkDossiersRequest, queueListRequest, queueListResponse, routeDossierRequest, searchDossiersRequest, searchDossiersResponse, setLocationRequest, setManualLocationRequest, setPriorityRequest, updateCallerRequest, updateQualificationRequest, upsertPatientRequest } from '../schemas';

/** Typing and routing a dossier: the ARM's screen, its queues, its address field. */
export const dossierChannels = [
  channel('dossier:create', { method: 'createDossier', request: createDossierRequest, response: dossierSchema, access: write(TAKERS) }),
  channel('dossier:setPriority', { method: 'setPriority', request: setPriorityRequest, response: dossierSchema, access: write([...TAKERS, 'SUPERVISEUR']) }),
  channel('dossier:get', { method: 'getDossier', request: getDossierRequest, response: dossierSchema, access: read(CARE) }),
  channel('dossier:updateCaller', { method: 'updateCaller', request: updateCallerRequest, response: dossierSchema, access: write(TAKERS) }),
  channel('dossier:upsertPatient', { method: 'upsertPatient', request: upsertPatientRequest, response: dossierSchema, access: write(TAKERS) }),
  channel('dossier:updateQualification', { method: 'updateQualification', request: updateQualificationRequest, response: dossierSchema, access: write(TAKERS) }),
  channel('dossier:addNote', { method: 'addNote', request: addNoteRequest, response: dossierSchema, access: write(['ARM', 'OSNP', 'MRU', 'MRL']) }),
  channel('dossier:link', { method: 'linkDossiers', request: linkDossiersRequest, response: dossierSchema, access: write(TAKERS) }),
  channel('dossier:callerHistory', { method: 'callerHistory', request: callerHistoryRequest, response: callerHistoryResponse, access: read(CARE) }),
  channel('dossier:route', { method: 'routeDossier', request: routeDossierRequest, response: dossierSchema, access: write([...TAKERS, 'SUPERVISEUR']) }),
  channel('dossier:setLocation', { method: 'setLocation', request: setLocationRequest, response: dossierSchema, access: write(TAKERS) }),
  channel('dossier:setManualLocation', { method: 'setManualLocation', request: setManualLocationRequest, response: dossierSchema, access: write(TAKERS) }),
  channel('dossier:search', { method: 'searchDossiers', request: searchDossiersRequest, response: searchDossiersResponse, access: read(CARE) }),
  channel('address:search', { method: 'searchAddress', request: addressSearchRequest, response: addressSearchResponse, access: read(CARE) }),
  channel('address:communes', { method: 'searchCommunes', request: communeSearchRequest, response: communeSearchResponse, access: read(CARE) }),
  channel('queue:list', { method: 'listQueue', request: queueListRequest, response: queueListResponse, access: read(CARE) }),
] as const;
