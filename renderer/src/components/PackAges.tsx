import { useTranslation } from 'react-i18next';
import type { z } from 'zod';
import type { packAgeSchema } from '../../../shared/api/orientationSchemas';
import { shortDate, type PackKind } from '../../../shared/domain/referencePack';
import { translate } from '../i18n';

type PackAge = z.output<typeof packAgeSchema>;

/**
 * How old the offline data behind an answer is ("pharmacies : données du 02/12, 3 jours"), on
 * every screen that uses a pack; past the configured age it is a warning, and a pack that should
 * have answered but was never imported is said too.
 */
export function PackAges({ ages, expected = [], testId }: { ages: readonly PackAge[]; expected?: readonly PackKind[]; testId?: string }) {
  const { t } = useTranslation();
  const missing = expected.filter((kind) => !ages.some((a) => a.kind === kind));
  if (ages.length === 0 && missing.length === 0) return null;
  const items = [
    ...ages.map((age) => ({
      kind: age.kind,
      stale: age.stale,
      text: `${translate(t, Math.abs(age.days) <= 1 ? 'packs.ageOne' : 'packs.ageMany', { kind: translate(t, `packs.kind.${age.kind}`), date: shortDate(age.dataDate), days: String(age.days) })}${age.stale ? ` — ${t('packs.stale')}` : ''}`,
    })),
    ...missing.map((kind) => ({ kind, stale: true, text: translate(t, 'packs.missing', { kind: translate(t, `packs.kind.${kind}`) }) })),
  ];
  return (
    <p className="pack-ages field-hint" data-testid={testId}>
      {items.map((item, i) => (
        <span key={item.kind}>
          {i > 0 && ' · '}
          <span className={item.stale ? 'pack-age stale' : 'pack-age'} role={item.stale ? 'alert' : undefined}>
            {item.text}
          </span>
        </span>
      ))}
    </p>
  );
}
