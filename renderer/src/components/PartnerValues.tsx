import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Dossier } from '../../../shared/domain/dossier';
import { partnerValues } from '../../../shared/domain/hub/partnerValues';
import { formatDateTime } from '../../../shared/domain/siteTime';
import { backend } from '../api/backend';
import { useStatusStore } from '../stores/statusStore';

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

type Shown = Pick<Dossier, 'id' | 'priority' | 'state' | 'qualification' | 'location' | 'caller' | 'hub'>;

/**
 * The ARM's screen keeps the dossier as last saved there; a partner's update arrives meanwhile
 * (dossier:changed from the inbox): read the dossier again for this section only, so the values
 * received show at once without touching what the ARM is typing.
 */
export function LivePartnerValues({ dossier }: { dossier: Shown }) {
  const [fresh, setFresh] = useState<Shown>(dossier);
  useEffect(() => setFresh(dossier), [dossier]);
  useEffect(() => {
    const reread = () => void backend.getDossier({ dossierId: dossier.id }).then((r) => r.ok && setFresh(r.value));
    const offOne = backend.onDossierChanged((e) => e.dossierId === dossier.id && reread());
    // A catch-up page names no dossier: this one may be among them.
    const offMany = backend.onDossiersChanged(reread);
    return () => {
      offOne();
      offMany();
    };
  }, [dossier.id]);
  return <PartnerValues dossier={fresh} />;
}
