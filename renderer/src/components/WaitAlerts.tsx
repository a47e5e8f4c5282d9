import { useTranslation } from 'react-i18next';
import { beepsSounded } from '../media/beep';
import { useWaitAlertStore } from '../stores/waitAlertStore';

/**
 * The journaled waiting escalations this desk is concerned with (issue 13 item 7): a banner
 * above the work, with the tone already played, until the person acknowledges (Alt+Maj+A).
 */
export function WaitAlerts() {
  const { t } = useTranslation();
  const alerts = useWaitAlertStore((s) => s.alerts);
  if (alerts.length === 0) return null;
  return (
    <section className="wait-alerts" role="alert" tabIndex={0} aria-label={t('waitAlerts.title')} data-testid="wait-alerts" data-beeps={beepsSounded()}>
      <strong>{t('waitAlerts.title')}</strong>
      <ul>
        {alerts.map((a) => (
          <li key={a.seq} data-testid="wait-alert">
            {t('waitAlerts.line', { localNumber: a.localNumber, queue: t(`queues.${a.queue}`), priority: a.priority, waited: String(a.waitedMinutes), threshold: String(a.thresholdMinutes) })}
          </li>
        ))}
      </ul>
      <span className="field-hint">{t('waitAlerts.ack')}</span>
    </section>
  );
}
