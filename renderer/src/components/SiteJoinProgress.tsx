import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../shared/api/contract';
import { percentReceived } from '../../../shared/domain/roomJoin';
import { formatDateTime } from '../../../shared/domain/siteTime';

type Join = NonNullable<ResponseOf<'site:status'>['join']>;

/**
 * A new desk downloading the room (ROOM.md §4), in the status area: a bar, the events received
 * of the total, the time left, whether the desk is usable yet and which history is missing.
 * Focusable (Tab reaches it) so a screen reader says it on demand, not on every page received.
 */
export function SiteJoinProgress({ join, zone, language }: { join: Join; zone: string; language: string }) {
  const { t } = useTranslation();
  const percent = percentReceived(join.received, join.total);
  const count = (n: number) => new Intl.NumberFormat(language === 'fr' ? 'fr-FR' : 'en-GB').format(n);
  const duration = (s: number) => (s < 60 ? t('site.join.seconds', { count: s }) : t('site.join.minutes', { minutes: Math.floor(s / 60), seconds: s % 60 }));
  const left = join.secondsLeft === null ? t('site.join.leftUnknown') : t('site.join.left', { duration: duration(join.secondsLeft) });
  const state =
    join.stage === 'open'
      ? t('site.join.notUsable')
      : `${t('site.join.usable')} · ${join.historyThrough ? t('site.join.missingAfter', { date: formatDateTime(new Date(join.historyThrough), zone, language) }) : t('site.join.missingAll')}`;
  const text = `${t(join.stage === 'open' ? 'site.join.open' : 'site.join.history')} — ${t('site.join.received', { received: count(join.received), total: count(join.total), percent })} · ${left} · ${state}`;
  return (
    <span
      className={`site-join ${join.stage === 'open' ? 'bad' : ''}`}
      data-testid="site-join"
      role="progressbar"
      aria-label={t('site.join.label')}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={text}
      tabIndex={0}
    >
      <span className="site-join-bar" aria-hidden="true">
        <span className="site-join-done" style={{ width: `${percent}%` }} />
      </span>
      <span className="site-join-text" data-testid="site-join-text">
        {text}
      </span>
    </span>
  );
}
