import type { TFunction } from 'i18next';
import type { Age } from '../../../shared/domain/age';
import { translate } from '../i18n';

/** "3 semaines" is not said: days for a newborn, months for an infant, years after. */
export function formatAge(t: TFunction, age: Age | null): string {
  return age ? translate(t, `age.${age.unit}`, { count: String(age.value) }) : '';
}
