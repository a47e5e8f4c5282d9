import { useTranslation } from 'react-i18next';
import { patientAge } from '../../../shared/domain/age';
import { countdown } from '../../../shared/domain/countdown';
import { currentDecisions } from '../../../shared/domain/decision';
import { toSiteLocal } from '../../../shared/domain/siteTime';
import { useDossier } from '../hooks/useDossier';
import { formatAge } from '../format/formatAge';
import { useClockStore } from '../stores/clockStore';
import { useStatusStore } from '../stores/statusStore';
import { DecisionName } from './DecisionName';

/**
 * What the OSNP needs in sight while booking: who the patient is and how old (months for an
 * infant), the decision in force, the caller, and the time left on the 48 h promise, counted down.
 */
export function OsnpDossierFacts({ dossierId, deadline }: { dossierId: string; deadline: string }) {
  const { t } = useTranslation();
  const timeZone = useStatusStore((s) => s.workstation?.timeZone ?? 'Europe/Paris');
  const now = useClockStore((s) => s.now);
  const dossier = useDossier(dossierId);
  const left = countdown(deadline, now);
  const today = toSiteLocal(new Date(now), timeZone).slice(0, 10);
  const decision = dossier ? currentDecisions(dossier.decisions).at(-1) : undefined;
  return (
    <dl className="osnp-facts" data-testid="osnp-facts">
      <dt>{t('osnp.patient')}</dt>
      <dd data-testid="osnp-patient">
        {dossier?.patients.length
          ? dossier.patients.map((p) => [[p.lastName, p.firstName].filter(Boolean).join(' ') || t('osnp.unnamed'), formatAge(t, patientAge(p, today))].filter(Boolean).join(', ')).join(' ; ')
          : '—'}
      </dd>
      <dt>{t('osnp.decision')}</dt>
      <dd data-testid="osnp-decision">{decision ? <DecisionName decision={decision} /> : t('header.noDecision')}</dd>
      <dt>{t('osnp.caller')}</dt>
      <dd>{dossier ? [dossier.caller.callbackPhone ?? dossier.callerPhone, dossier.caller.name].filter(Boolean).join(' · ') || '—' : '—'}</dd>
      <dt>{t('osnp.promise')}</dt>
      <dd data-testid="osnp-countdown" className={left.late ? 'late' : undefined}>
        {t(left.late ? 'osnp.overdueBy' : 'osnp.timeLeft', { hours: String(left.hours), minutes: String(left.minutes).padStart(2, '0') })}
      </dd>
    </dl>
  );
}
