import { useTranslation } from 'react-i18next';
import { formatDateEntry } from '../../../shared/domain/dateEntry';
import { currentDecisions } from '../../../shared/domain/decision';
import { useDossier } from '../hooks/useDossier';
import { useStatusStore } from '../stores/statusStore';
import { DecisionName } from './DecisionName';

/**
 * Where an earlier dossier stands, beyond its state: the decision in force and the appointment
 * booked. A mother calling back is told "rendez-vous chez le Dr Martin demain 9h30", not "ACTIF".
 */
export function DossierStanding({ dossierId }: { dossierId: string }) {
  const { t, i18n } = useTranslation();
  const timeZone = useStatusStore((s) => s.workstation?.timeZone ?? 'Europe/Paris');
  const dossier = useDossier(dossierId);
  if (!dossier) return null;
  const decision = currentDecisions(dossier.decisions).at(-1);
  const appointment = dossier.appointments.filter((a) => a.status !== 'CANCELLED').at(-1);
  return (
    <span className="dossier-standing" data-testid="dossier-standing">
      {' · '}
      {decision ? <DecisionName decision={decision} prefix={(words) => t('header.decision', { decision: words })} /> : t('header.noDecision')}
      {appointment && <> · {t('header.appointment', { practitioner: appointment.practitioner, time: formatDateEntry(new Date(appointment.startsAt), timeZone, i18n.language) })}</>}
    </span>
  );
}
