import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../shared/api/contract';
import { formatTime } from '../../../shared/domain/siteTime';

type Hub = ResponseOf<'hub:status'>;

/**
 * The room's Hub Santé link as a desk hears it from the site (ROOM.md §5): compact in the top
 * bar (the bar is full at 1280 px), the whole sentence on demand — as the element's title and
 * name for assistive technology, and in the diagnostics panel (Alt+J). Red only when something is
 * wrong at the site (its Hub link down, no instance holding the lease, messages refused or
 * expired); what this desk merely cannot know (the site away or silent, not heard yet) or a site
 * without a Hub is said calmly: the site's own state has its words in the site status.
 */
export function roomHubTexts(hub: Hub, t: TFunction, time: (iso: string | null) => string): { compact: string; full: string[]; bad: boolean; unknown: boolean } {
  const room = hub.room!;
  const undelivered = hub.failed + hub.expired;
  const counts = hub.waiting > 0 ? ` · ${t('hub.room.count', { count: hub.waiting })}` : '';
  const full: string[] = [];
  let compact: string;
  let wrong = false;
  if (!hub.configured) {
    compact = t('hub.room.noHub');
    full.push(room.siteLink === 'online' ? t('hub.room.full.noHub') : t('hub.room.full.noHubAway', { heard: time(room.heardAt) }));
  } else if (room.stale) {
    const since = time(room.unknownSince ?? room.heardAt);
    const last = room.lastConnected ? t('hub.room.full.lastUp') : t('hub.room.full.lastDown');
    if (room.siteLink === 'online' && room.heardAt) {
      compact = t('hub.room.silent', { since });
      full.push(t('hub.room.full.silent', { since, heard: time(room.heardAt), last }));
    } else if (room.heardAt) {
      compact = t('hub.room.away', { since });
      full.push(t('hub.room.full.away', { since, heard: time(room.heardAt), last }));
    } else if (room.siteLink === 'offline') {
      compact = room.unknownSince ? t('hub.room.away', { since }) : t('hub.room.awayNever');
      full.push(room.unknownSince ? t('hub.room.full.awayNever', { since }) : t('hub.room.full.unknownNever'));
    } else {
      compact = t('hub.room.unknownNever');
      full.push(t('hub.room.full.unknownNever'));
    }
  } else if (hub.connected) {
    compact = t('hub.room.up');
    full.push(t('hub.room.full.up', { holder: room.holder ?? '?', since: time(hub.since) }));
  } else if (room.holder === null) {
    wrong = true;
    compact = t('hub.room.noHolder');
    full.push(t('hub.room.full.noHolder'));
  } else {
    wrong = true;
    compact = t('hub.room.down', { since: time(hub.since) });
    full.push(t('hub.room.full.down', { since: time(hub.since), error: hub.lastError ?? '?' }));
  }
  if (hub.waiting > 0) full.push(t('hub.room.full.waiting', { count: hub.waiting, oldest: time(hub.oldestWaitingAt), toSite: room.toSite, atSite: room.atSite }));
  if (undelivered > 0) full.push(t('hub.room.full.undelivered', { count: undelivered }));
  return {
    compact: `${compact}${counts}${undelivered > 0 ? ` · ${t('hub.undelivered', { count: undelivered })}` : ''}`,
    full,
    bad: wrong || undelivered > 0,
    unknown: hub.configured && room.stale,
  };
}

export function hourMinute(zone: string, language: string): (iso: string | null) => string {
  // Hours and minutes, as the floor says them ("depuis 14:02").
  return (iso) => (iso ? formatTime(new Date(iso), zone, language).slice(0, 5) : '?');
}

export function RoomHubStatus({ hub, zone, language }: { hub: Hub; zone: string; language: string }) {
  const { t } = useTranslation();
  const { compact, full, bad, unknown } = roomHubTexts(hub, t, hourMinute(zone, language));
  const sentence = full.join(' · ');
  return (
    <span className={`hub-status room${bad ? ' bad' : unknown || !hub.configured ? ' calm' : ''}`} data-testid="hub-status" data-room-stale={hub.room!.stale ? 'true' : 'false'} role="status" title={sentence} aria-label={sentence}>
      {compact}
    </span>
  );
}
