import type { TFunction } from 'i18next';
import type { ApiError } from '../../../shared/api/envelope';

/** One translated sentence for any `{ ok: false }`: the code picks the text, never the raw message. */
export function reportError(error: ApiError, t: TFunction): string {
  return t(`errors.${error.code}`, { field: error.field ?? '—' });
}
