import type { Dossier, Patient } from '../dossier';
import { checkAction, type LifecycleRefusal } from '../lifecycle';

/**
 * Sharing a dossier with a Hub Santé partner (issue 13 §6). Nothing leaves the room before a
 * person says so ("Partager avec…", journaled as dossier.shared); what leaves is what the
 * partner needs to take the case over, not the whole record.
 */
export interface SharePartner {
  clientId: string;
  filieres: readonly string[];
}

export type ShareRefusal = LifecycleRefusal | 'unknownPartner' | 'alreadyShared' | 'receivedFromPartner';

export type ShareCheck = { ok: true } | { ok: false; reason: ShareRefusal };

/** The partner the dossier's messages go to, if any: the one that shared it with us, or the one we shared it with. */
export function exchangePartnerOf(dossier: Pick<Dossier, 'hub'>): string | null {
  return dossier.hub?.receivedFrom ?? dossier.hub?.sharedWith?.partner ?? null;
}

/** Whether `partner` may be chosen for this dossier, by someone of `role`. */
export function checkShare(dossier: Dossier, partner: string, partners: readonly SharePartner[], role: string): ShareCheck {
  const lifecycle = checkAction(dossier, 'share', role);
  if (!lifecycle.ok) return lifecycle;
  if (dossier.hub?.receivedFrom) return { ok: false, reason: 'receivedFromPartner' };
  if (dossier.hub?.sharedWith) return { ok: false, reason: 'alreadyShared' };
  if (!partners.some((p) => p.clientId === partner)) return { ok: false, reason: 'unknownPartner' };
  return { ok: true };
}

/** Partners offered, the one whose perimeters include the dossier's first (a suggestion, never applied alone). */
export function partnersFor(dossier: Pick<Dossier, 'qualification'>, partners: readonly SharePartner[]): Array<SharePartner & { suggested: boolean }> {
  const filiere = dossier.qualification.filiere;
  const suggested = filiere ? partners.find((p) => p.filieres.includes(filiere))?.clientId : undefined;
  return [...partners].sort((a, b) => Number(b.clientId === suggested) - Number(a.clientId === suggested)).map((p) => ({ ...p, suggested: p.clientId === suggested }));
}

/** A patient as a partner receives it: identity and clinical features, never the NIR. */
export function partnerPatient(patient: Patient): Patient {
  return { ...patient, ins: null };
}

/**
 * The dossier as a partner we share it with sees it: no NIR (the partner identifies the patient
 * by name, sex and birth date; the INS is not needed to take a case over) and no medical notes
 * (the regulator's notes stay in the room; the decisions in force, the motive and the
 * qualification travel). A partner that shared the case with us owns it: it gets our notes back.
 */
export function partnerView(dossier: Dossier): Dossier {
  if (dossier.hub?.receivedFrom) return dossier;
  return { ...dossier, patients: dossier.patients.map(partnerPatient), notes: [] };
}

/** What a share sends, as the screen lists it before the person confirms (i18n keys under hub.share.fields). */
export function sharedFieldList(dossier: Dossier): string[] {
  const fields = ['caseId', 'qualification', 'priority'];
  if (dossier.location) fields.push('location');
  if (dossier.callerPhone) fields.push('caller');
  if (dossier.patients.length) fields.push('patients');
  if (dossier.decisions.length) fields.push('decisions');
  return fields;
}

/** What a share never sends, said on the same screen. */
export const NEVER_SHARED = ['nir', 'notes'] as const;
