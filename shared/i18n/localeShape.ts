import type { fr } from './fr';

/** The shape of a locale: fr's keys, any string as leaves. */
type Shape<T> = { readonly [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };
export type LocaleShape = Shape<typeof fr>;

type Join<P extends string, K extends string> = P extends '' ? K : `${P}.${K}`;
type Keys<T, P extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? Join<P, K> : Keys<T[K], Join<P, K>>;
}[keyof T & string];

/** Every translation key, e.g. `dossier.status.saved`: a typo is a type error. */
export type TranslationKey = Keys<typeof fr>;
