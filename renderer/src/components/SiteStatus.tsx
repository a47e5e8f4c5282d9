import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../shared/api/contract';
import { formatTime } from '../../../shared/domain/siteTime';

type Site = ResponseOf<'site:status'>;

/** The room's link in the status bar, and the last step this desk lost, said in words. */
export function SiteStatus({ site, zone, language }: { site: Site; zone: string; language: string }) {
  const { t } = useTranslation();
  // Hours and minutes, as the floor says them ("depuis 14:02").
  const time = (iso: string | null) => (iso ? formatTime(new Date(iso), zone, language).slice(0, 5) : '?');
  const last = site.conflicts[0];
  return (
    <>
      <span className={`site-status ${site.state === 'online' ? '' : 'bad'}`} data-testid="site-status" role="status">
        {site.state === 'online' ? t('site.online') : site.state === 'offline' ? t('site.offline', { since: time(site.offlineSince) }) : t('site.connecting')}
        {site.pending > 0 && <> · {t('site.pending', { count: site.pending })}</>}
        {site.refused > 0 && <> · {t('site.refused', { count: site.refused })}</>}
      </span>
      {last && (
        <span className="site-conflict bad" data-testid="site-conflict" role="alert">
          {t(`site.conflict.${last.step}`, { number: last.localNumber ?? '?', winner: last.winnerName ?? t('site.someone'), time: time(last.winnerAt) })}
        </span>
      )}
    </>
  );
}
