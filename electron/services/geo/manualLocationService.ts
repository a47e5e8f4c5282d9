import type { ParsedRequestOf } from '../../../shared/api/contract';
import { fail, ok, type Envelope } from '../../../shared/api/envelope';
import type { Dossier } from '../../../shared/domain/dossier';
import { checkManualLocation, unverifiedLocation, type Commune } from '../../../shared/domain/manualLocation';
import type { DossierService } from '../dossiers/dossierService';
import type { AddressService } from './addressService';

export interface ManualLocationDeps {
  addresses: AddressService;
  dossiers: DossierService;
}

/**
 * A place no address index knows, entered by hand (issue 13 item 9): the commune from the
 * département's official list (the BAN pack), or typed freely and flagged where no pack was
 * imported; a description; coordinates when given. Journaled as the dossier's location, unverified.
 */
export class ManualLocationService {
  constructor(private readonly deps: ManualLocationDeps) {}

  communes(request: ParsedRequestOf<'address:communes'>): Envelope<{ listAvailable: boolean; communes: Commune[] }> {
    const list = this.deps.addresses.communes();
    return ok({ listAvailable: list !== null, communes: list?.search(request.query, request.limit) ?? [] });
  }

  set(request: ParsedRequestOf<'dossier:setManualLocation'>): Envelope<Dossier> {
    const checked = checkManualLocation(request, this.deps.addresses.communes());
    if (!checked.ok) {
      const unknown = checked.reason === 'unknownCommune' || checked.reason === 'notListed';
      return fail(unknown ? 'E_UNKNOWN_COMMUNE' : 'E_BAD_REQUEST', `${checked.field}: ${checked.reason}`, checked.field);
    }
    const access = { floor: request.floor ?? null, doorCode: request.doorCode ?? null, intercom: request.intercom ?? null, accessDetails: request.accessDetails ?? null };
    return this.deps.dossiers.change(request.dossierId, { type: 'dossier.locationSet', payload: { location: unverifiedLocation(checked, access) } });
  }

  /** The commune's centre from the official list, where a search with an unverified location starts without coordinates. */
  communeCentre(inseeCode: string): { lat: number; lon: number } | null {
    const commune = this.deps.addresses.communes()?.byInsee(inseeCode);
    return commune ? { lat: commune.lat, lon: commune.lon } : null;
  }
}
