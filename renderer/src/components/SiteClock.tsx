import { useTranslation } from 'react-i18next';
import { formatTime } from '../../../shared/domain/siteTime';
import { useClockStore } from '../stores/clockStore';
import { useStatusStore } from '../stores/statusStore';

/** The site's own time (Réunion, Martinique…), whatever zone the workstation's OS is set to. */
export function SiteClock() {
  const { t, i18n } = useTranslation();
  const now = useClockStore((s) => s.now);
  const timeZone = useStatusStore((s) => s.workstation?.timeZone);
  if (!timeZone) return null;
  return (
    <time className="site-clock" data-testid="site-clock" dateTime={new Date(now).toISOString()} title={t('app.siteTime', { timeZone })}>
      {formatTime(new Date(now), timeZone, i18n.language)} <span className="field-hint">{timeZone}</span>
    </time>
  );
}
