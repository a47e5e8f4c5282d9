/** The official Hub Santé code lists the domain uses as its values (HubSante.<list>.csv). */
export const HUB_SANTE_LISTS = [
  'priorite',
  'origine',
  'typeAppelant',
  'communication',
  'langue',
  'sexe',
  'filiere',
  'attribution',
  'precision',
  'motif',
  'fait',
  'lieu',
  'etat',
  'niveauSoin',
  'typeDecision',
  'typeRessource',
  'typeOrientation',
] as const;

export type HubSanteList = (typeof HUB_SANTE_LISTS)[number];
