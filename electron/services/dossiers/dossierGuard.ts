import type { Envelope } from '../../../shared/api/envelope';
import { fail } from '../../../shared/api/envelope';
import type { Dossier } from '../../../shared/domain/dossier';
import { checkAction, type DossierAction } from '../../../shared/domain/lifecycle';
import { lifecycleRefusal } from './dossierService';

/**
 * The life-cycle guard for the write paths that do not go through DossierService.change (a call
 * attached from the softphone or the call log, a SAS appointment attached from the Hub inbox):
 * the dossier must exist and accept the action, by the same pure rules as the screens.
 */
export function refusedWrite(dossiers: { get(id: string): Dossier | undefined }, dossierId: string, action: DossierAction, role: string): Envelope<never> | null {
  const dossier = dossiers.get(dossierId);
  if (!dossier) return fail('E_NOT_FOUND', `dossier ${dossierId} does not exist`, 'dossierId');
  const check = checkAction(dossier, action, role);
  return check.ok ? null : lifecycleRefusal(check.reason, dossier.localNumber, dossier.state, action);
}
