import type { CodeOf } from './codes';
import type { Decision } from './decision';

/**
 * A decision as a person reads it: "Orientation cabinet de ville", not "ORIENT CABINET". The
 * words come from the official code lists (typeDecision, typeOrientation, typeRessource), said
 * the way the room says them, in the screen's language (`decisionWords` in shared/i18n); the
 * codes stay available as a short suffix for the regulator who thinks in codes.
 */
export interface DecisionVocabulary {
  readonly type: Readonly<Record<CodeOf<'typeDecision'>, string>>;
  /** Already a whole phrase ("Orientation aux urgences"): it replaces the type's word. */
  readonly orientation: Readonly<Record<CodeOf<'typeOrientation'>, string>>;
  readonly resource: Readonly<Record<CodeOf<'typeRessource'>, string>>;
}

export type DecisionShown = Pick<Decision, 'type'> & Partial<Pick<Decision, 'orientationType' | 'resourceType' | 'careLevel'>>;

/** "Orientation cabinet de ville", "Intervention — Smur", "Conseil médical". */
export function decisionInWords(decision: DecisionShown, words: DecisionVocabulary): string {
  if (decision.type === 'ORIENT' && decision.orientationType) return words.orientation[decision.orientationType];
  if (decision.type === 'INTER' && decision.resourceType) return `${words.type.INTER} — ${words.resource[decision.resourceType]}`;
  return words.type[decision.type];
}

/** The codes behind the words, for the suffix: "ORIENT CABINET R3". */
export function decisionCodes(decision: DecisionShown): string {
  return [decision.type, decision.orientationType ?? decision.resourceType, decision.careLevel].filter(Boolean).join(' ');
}

/**
 * Both languages, checked complete by the compiler (a Record over each list's codes). French
 * follows the official labels (typos and the "#" marker of the nomenclature left out); English
 * says the same thing, for the English screen.
 */
export const DECISION_WORDS: Readonly<Record<'fr' | 'en', DecisionVocabulary>> = {
  fr: {
    type: { CONSEIL: 'Conseil médical', PMT: 'Prescription médicamenteuse par téléphone', INTER: 'Intervention', ORIENT: 'Orientation', PASPLUS: 'Pas d’autre décision' },
    orientation: {
      URGENCES: 'Orientation aux urgences',
      'REA-USI': 'Orientation en réanimation ou soins intensifs',
      SANTE: 'Orientation vers un autre service hospitalier',
      CABINET: 'Orientation cabinet de ville',
      DOMICILE: 'Maintien à domicile',
      EPHAD: 'Orientation en EHPAD ou long séjour',
      AUTRE: 'Autre orientation',
    },
    resource: {
      SMUR: 'Smur',
      'SMUR.ADULT': 'Smur généraliste',
      'SMUR.PED': 'Smur pédiatrique ou néonatal',
      'SMUR.UMH-S': 'Smur spécialisé',
      'SMUR.CUMP': 'Cellule d’urgence médico-psychologique',
      HOSPIT: 'Hospitaliers (hors Smur)',
      LIBERAL: 'Professionnels libéraux',
      'LIBERAL.MG': 'Médecin généraliste',
      'LIBERAL.PHARM': 'Pharmacien',
      'LIBERAL.INF': 'Infirmier',
      'LIBERAL.KINE': 'Kinésithérapeute',
      'LIBERAL.SOS': 'Association de permanence de soins',
      'LIBERAL.MMG': 'Maison médicale de garde',
      'LIBERAL.MSPD': 'Maison de santé pluridisciplinaire',
      'LIBERAL.MCS': 'Médecin correspondant du Samu',
      'LIBERAL.SPEMED': 'Médecin d’une autre spécialité',
      'LIBERAL.DENT': 'Dentiste',
      'LIBERAL.LABO': 'Laboratoire d’analyses médicales',
      'LIBERAL.AUTREPRO': 'Autre professionnel de santé',
      TSU: 'Ambulanciers privés (transport sanitaire urgent)',
      SIS: 'Pompiers',
      'SIS.MEDSP': 'Médecin sapeur-pompier',
      'SIS.ISP': 'Infirmier sapeur-pompier',
      'SIS.SP': 'Secouriste',
      AASC: 'Sécurité civile, secouristes',
      FDO: 'Forces de l’ordre et douanes',
      'FDO.PN': 'Police nationale',
      'FDO.GEND': 'Gendarmerie nationale',
      'FDO.PM': 'Police municipale',
      'FDO.DOUANES': 'Douane',
      AUTRE: 'Autres ressources',
      'AUTRE.ADM': 'Institutions administratives et sociales',
      'AUTRE.DAE': 'Défibrillateur automatique',
      'AUTRE.AUTRE': 'Autre moyen',
    },
  },
  en: {
    type: { CONSEIL: 'Medical advice', PMT: 'Prescription by telephone', INTER: 'Intervention', ORIENT: 'Referral', PASPLUS: 'No further action' },
    orientation: {
      URGENCES: 'Referral to the emergency department',
      'REA-USI': 'Referral to intensive care',
      SANTE: 'Referral to another hospital service',
      CABINET: 'Referral to a GP practice',
      DOMICILE: 'Stays at home',
      EPHAD: 'Referral to a nursing home or long-stay unit',
      AUTRE: 'Other referral',
    },
    resource: {
      SMUR: 'Mobile ICU (SMUR)',
      'SMUR.ADULT': 'Adult mobile ICU',
      'SMUR.PED': 'Paediatric or neonatal mobile ICU',
      'SMUR.UMH-S': 'Specialised mobile ICU',
      'SMUR.CUMP': 'Psychological emergency unit',
      HOSPIT: 'Hospital staff (other than SMUR)',
      LIBERAL: 'Private practitioners',
      'LIBERAL.MG': 'General practitioner',
      'LIBERAL.PHARM': 'Pharmacist',
      'LIBERAL.INF': 'Nurse',
      'LIBERAL.KINE': 'Physiotherapist',
      'LIBERAL.SOS': 'Out-of-hours GP association',
      'LIBERAL.MMG': 'Out-of-hours GP centre',
      'LIBERAL.MSPD': 'Multidisciplinary health centre',
      'LIBERAL.MCS': 'SAMU correspondent physician',
      'LIBERAL.SPEMED': 'Physician of another specialty',
      'LIBERAL.DENT': 'Dentist',
      'LIBERAL.LABO': 'Medical laboratory',
      'LIBERAL.AUTREPRO': 'Other health professional',
      TSU: 'Private ambulance',
      SIS: 'Fire and rescue',
      'SIS.MEDSP': 'Fire service physician',
      'SIS.ISP': 'Fire service nurse',
      'SIS.SP': 'First aider',
      AASC: 'Civil protection first aiders',
      FDO: 'Police and customs',
      'FDO.PN': 'National police',
      'FDO.GEND': 'Gendarmerie',
      'FDO.PM': 'Municipal police',
      'FDO.DOUANES': 'Customs',
      AUTRE: 'Other resources',
      'AUTRE.ADM': 'Administrative and social services',
      'AUTRE.DAE': 'Automated defibrillator',
      'AUTRE.AUTRE': 'Other means',
    },
  },
};

/** The vocabulary of a screen's language (French for any language the app does not have). */
export function decisionVocabulary(language: string): DecisionVocabulary {
  return language.startsWith('en') ? DECISION_WORDS.en : DECISION_WORDS.fr;
}
