import type { ParsedRequestOf } from '../../../shared/api/contract';
import { fail, ok, type Envelope } from '../../../shared/api/envelope';
import type { Dossier } from '../../../shared/domain/dossier';
import { createCaseHealth, type CaseContext } from '../../../shared/domain/hub/caseMessage';
import { checkShare, NEVER_SHARED, partnersFor, partnerView, sharedFieldList, type SharePartner } from '../../../shared/domain/hub/partnerShare';
import type { DossierService } from '../dossiers/dossierService';
import { lifecycleRefusal } from '../dossiers/dossierService';
import type { Actor, Journal } from '../journal/journal';

export interface ShareServiceDeps {
  journal: Journal;
  dossiers: DossierService;
  /** The partners IT configured (hub.partners); empty without a Hub section. */
  partners: readonly SharePartner[];
  ctx: CaseContext;
  actor: () => Actor;
}

export interface SharePreview {
  partners: Array<SharePartner & { suggested: boolean }>;
  sharedWith: string | null;
  receivedFrom: string | null;
  fields: string[];
  neverShared: string[];
  /** The createCaseHealth the partner would receive, exactly (built by the same function as the message). */
  message: Record<string, unknown>;
}

/** "Partager avec…": what a share would send, and the share itself (one journaled event). */
export class ShareService {
  constructor(private readonly deps: ShareServiceDeps) {}

  preview(request: ParsedRequestOf<'dossier:sharePreview'>): Envelope<SharePreview> {
    const dossier = this.deps.journal.dossiers.get(request.dossierId);
    if (!dossier) return fail('E_NOT_FOUND', `dossier ${request.dossierId} does not exist`, 'dossierId');
    return ok({
      partners: partnersFor(dossier, this.deps.partners),
      sharedWith: dossier.hub?.sharedWith?.partner ?? null,
      receivedFrom: dossier.hub?.receivedFrom ?? null,
      fields: sharedFieldList(dossier),
      neverShared: [...NEVER_SHARED],
      message: createCaseHealth(partnerView(dossier), this.deps.ctx),
    });
  }

  share(request: ParsedRequestOf<'dossier:share'>): Envelope<Dossier> {
    const dossier = this.deps.journal.dossiers.get(request.dossierId);
    if (!dossier) return fail('E_NOT_FOUND', `dossier ${request.dossierId} does not exist`, 'dossierId');
    const check = checkShare(dossier, request.partner, this.deps.partners, this.deps.actor().role);
    if (!check.ok) {
      switch (check.reason) {
        case 'unknownPartner':
          return fail('E_BAD_REQUEST', `partner: ${request.partner} is not one of this centre's Hub Santé partners`, 'partner');
        case 'alreadyShared':
          return fail('E_CONFLICT', `dossier ${dossier.localNumber} is already shared with ${dossier.hub?.sharedWith?.partner}`, 'partner');
        case 'receivedFromPartner':
          return fail('E_CONFLICT', `dossier ${dossier.localNumber} came from ${dossier.hub?.receivedFrom}, which already follows it`, 'partner');
        default:
          return lifecycleRefusal(check.reason, dossier.localNumber, dossier.state, 'share');
      }
    }
    return this.deps.dossiers.change(request.dossierId, { type: 'dossier.shared', payload: { partner: request.partner } }, 'share');
  }
}
