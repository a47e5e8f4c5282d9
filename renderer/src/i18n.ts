import i18next, { type TFunction } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { resources, type Language, type TranslationKey } from '../../shared/i18n';
import type { fr } from '../../shared/i18n/fr';

declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof fr };
  }
}

export function initI18n(language: Language = 'fr') {
  void i18next.use(initReactI18next).init({
    resources,
    lng: language,
    fallbackLng: 'fr',
    interpolation: { escapeValue: false }, // React escapes.
    returnNull: false,
  });
  return i18next;
}

/**
 * For keys chosen at run time (command labels, states): the key is still checked against the
 * French source by `TranslationKey`, only i18next's per-key interpolation typing is bypassed.
 */
export function translate(t: TFunction, key: TranslationKey, values: Record<string, string> = {}): string {
  return (t as unknown as (k: string, v: Record<string, string>) => string)(key, values);
}

/** The label of a registry command, its translated values included. */
export function commandLabel(t: TFunction, command: { labelKey: TranslationKey; labelValues?: Record<string, string>; labelValueKeys?: Record<string, TranslationKey> }): string {
  const nested = Object.fromEntries(Object.entries(command.labelValueKeys ?? {}).map(([name, key]) => [name, translate(t, key)]));
  return translate(t, command.labelKey, { ...command.labelValues, ...nested });
}
