import { CARE, PHYSICIANS, read, write } from '../access';
import { channel } from '../channel';
import { dossierSchema, emptyRequest } from '../schemas';
import { choosePharmacyRequest, packStatusResponse, practitionerLookupRequest, practitionerLookupResponse, pharmaciesOnDutyRequest, pharmaciesOnDutyResponse, searchSlotsRequest, searchSlotsResponse } from '../orientationSchemas';

/** Orientation (issue 14): the pharmacy on duty and the practitioners from the offline packs, GP slots, and the packs' ages. */
export const orientationChannels = [
  channel('pharmacy:onDuty', { method: 'pharmaciesOnDuty', request: pharmaciesOnDutyRequest, response: pharmaciesOnDutyResponse, access: read(CARE) }),
  // Sending the caller to a pharmacy is a regulation decision (DR.DREG.DRPHARMA): physicians only.
  channel('pharmacy:choose', { method: 'choosePharmacy', request: choosePharmacyRequest, response: dossierSchema, access: write(PHYSICIANS) }),
  // Free GP slots within 48 h: answers at once with the endpoints asked; each answers on slots:found.
  channel('slots:search', { method: 'searchSlots', request: searchSlotsRequest, response: searchSlotsResponse, access: read(['OSNP', 'MRU', 'MRL']) }),
  // The regulator's and OSNP's directory of practitioners, from the RPPS pack (offline).
  channel('practitioners:lookup', { method: 'lookupPractitioners', request: practitionerLookupRequest, response: practitionerLookupResponse, access: read(['OSNP', 'MRU', 'MRL']) }),
  channel('packs:status', { method: 'packStatus', request: emptyRequest, response: packStatusResponse, access: read('session') }),
] as const;
