import { useTranslation } from 'react-i18next';
import type { Dossier } from '../../../shared/domain/dossier';
import { partnerValues } from '../../../shared/domain/hub/partnerValues';
import { formatDateTime } from '../../../shared/domain/siteTime';
import { useStatusStore } from '../stores/queueStore';

/**
 * Operational values a partner sent over the Hub Santé (priority, status, perimeter…), beside
 * ours: never applied silently, never hidden — the regulator decides (DOMAIN §8).
 */
export function PartnerValues({ dossier }: { dossier: Pick<Dossier, 'priority' | 'state' | 'qualification' | 'location' | 'caller' | 'hub'> }) {
  const { t, i18n } = useTranslation();
  const timeZone = useStatusStore((s) => s.workstation?.timeZone ?? 'Europe/Paris');
  const values = partnerValues(dossier);
  if (values.length === 0) return null;
  return (
    <section className="partner-values" data-testid="partner-values" aria-label={t('partnerValues.title')}>
      <h3>{t('partnerValues.title')}</h3>
      <ul>
        {values.map((v) => (
          <li key={`${v.field}-${v.from}`} data-testid="partner-value" data-differs={v.differs || undefined} className={v.differs ? 'late' : undefined}>
            {t(`partnerValues.fields.${v.field}`)} — {t('partnerValues.line', { local: v.local ?? '—', from: v.from, received: v.received, time: formatDateTime(new Date(v.at), timeZone, i18n.language) })}
            {v.differs && ` (${t('partnerValues.differs')})`}
          </li>
        ))}
      </ul>
    </section>
  );
}
