import { en } from './en';
import { fr } from './fr';

export { type LocaleShape, type TranslationKey } from './localeShape';

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

/** Statically bundled: no HTTP backend, the app must translate with no network. */
export const resources = {
  fr: { translation: fr },
  en: { translation: en },
} as const;

/** All dotted keys of a locale object (for the completeness test and the palette). */
export function flattenKeys(tree: object, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : flattenKeys(value as object, `${prefix}${key}.`),
  );
}
