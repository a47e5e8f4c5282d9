import type { TFunction } from 'i18next';
import type { ApiError } from '../../../shared/api/envelope';
import { fr } from '../../../shared/i18n/fr';

/** One translated sentence for any `{ ok: false }`: the code picks the text, never the raw message. */
export function reportError(error: ApiError, t: TFunction): string {
  // A Pro Santé Connect refusal or outage names its reason in `field`: say it in words.
  if (error.code.startsWith('E_PSC_') && error.field && error.field in fr.psc.reasons) {
    return t(`errors.${error.code}`, { field: t(`psc.reasons.${error.field as keyof typeof fr.psc.reasons}`) });
  }
  const fieldKey = error.field?.split('.')[0];
  const field = fieldKey && fieldKey in fr.fields ? t(`fields.${fieldKey as keyof typeof fr.fields}`) : (error.field ?? '—');
  return t(`errors.${error.code}`, { field });
}

/** A refusal of what was typed in one field (malformed, or holding an invisible control character): said at that field. */
export function isFieldRefusal(error: ApiError | null | undefined): error is ApiError & { field: string } {
  return (error?.code === 'E_BAD_REQUEST' || error?.code === 'E_MALFORMED') && typeof error.field === 'string';
}
