import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { currentDecisions } from '../../../shared/domain/decision';
import { isUnverifiedLocation, type Dossier } from '../../../shared/domain/dossier';
import { formatDateTime } from '../../../shared/domain/siteTime';
import { formatWaiting } from '../format/formatWaiting';
import { useClockStore } from '../stores/clockStore';
import { useStatusStore } from '../stores/statusStore';
import { DecisionName } from './DecisionName';
import { PriorityBadge } from './PriorityBadge';
import { translate } from '../i18n';

function Waiting({ since }: { since: string }) {
  const now = useClockStore((s) => s.now);
  return <>{formatWaiting(now - Date.parse(since))}</>;
}

/**
 * The top of the working panel, sticky while the rest scrolls: which dossier, how urgent, where it
 * stands (state, decision in force, appointment, who holds it, how long it waits) and the last
 * confirmation or refusal, where the eye already is.
 */
export function DossierHeader({ title, dossier, status, statusTestId, statusClass = '' }: { title: ReactNode; dossier: Dossier | null; status: ReactNode; statusTestId: string; statusClass?: string }) {
  const { t, i18n } = useTranslation();
  const timeZone = useStatusStore((s) => s.workstation?.timeZone ?? 'Europe/Paris');
  const decision = dossier ? currentDecisions(dossier.decisions).at(-1) : undefined;
  const appointment = dossier?.appointments.filter((a) => a.status !== 'CANCELLED').at(-1);
  return (
    <header className="dossier-header" data-testid="dossier-header">
      {dossier && <PriorityBadge priority={dossier.priority} />}
      {title}
      {dossier && (
        <ul className="header-facts" aria-label={t('header.facts')}>
          <li data-testid="header-state">{t('header.state', { state: translate(t, `states.${dossier.state}`) })}</li>
          <li data-testid="header-decision">
            {decision ? <DecisionName decision={decision} prefix={(words) => t('header.decision', { decision: words })} /> : t('header.noDecision')}
          </li>
          {appointment && <li data-testid="header-appointment">{t('header.appointment', { practitioner: appointment.practitioner, time: formatDateTime(new Date(appointment.startsAt), timeZone, i18n.language) })}</li>}
          {isUnverifiedLocation(dossier.location) && (
            <li className="unverified-location" data-testid="header-unverified">
              {t('address.unverified')}
            </li>
          )}
          <li>{dossier.regulator ? t('header.heldBy', { role: dossier.regulator.role }) : t('header.notHeld')}</li>
          <li>
            {t('header.waiting')} <Waiting since={dossier.createdAt} />
          </li>
        </ul>
      )}
      <p className={`header-status ${statusClass}`} role="status" aria-live="polite" data-testid={statusTestId}>
        {status}
      </p>
    </header>
  );
}
