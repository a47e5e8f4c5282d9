import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../shared/api/contract';
import { formatTime } from '../../../shared/domain/siteTime';

type Hub = ResponseOf<'hub:status'>;

/**
 * The room's Hub Santé link as a desk hears it from the site (ROOM.md §5): compact in the top
 * bar (the bar is full at 1280 px), the whole sentence on demand — as the element's title and
 * name for assistive technology, and in the diagnostics panel (Alt+J).
 */
export function roomHubTexts(hub: Hub, t: TFunction, time: (iso: string | null) => string): { compact: string; full: string[]; bad: boolean } {
  const room = hub.room!;
  if (!hub.configured) return { compact: t('hub.room.noHub'), full: [t('hub.room.noHub')], bad: false };
  const undelivered = hub.failed + hub.expired;
  const counts = hub.waiting > 0 ? ` · ${t('hub.room.count', { count: hub.waiting })}` : '';
  const full: string[] = [];
  let compact: string;
  if (room.stale) {
    compact = room.heardAt || room.unknownSince ? t('hub.room.unknown', { since: time(room.unknownSince ?? room.heardAt) }) : t('hub.room.unknownNever');
    full.push(
      room.heardAt
        ? t('hub.room.full.unknown', { since: time(room.unknownSince ?? room.heardAt), heard: time(room.heardAt), last: room.lastConnected ? t('hub.room.full.lastUp') : t('hub.room.full.lastDown') })
        : t('hub.room.full.unknownNever'),
    );
  } else if (hub.connected) {
    compact = t('hub.room.up');
    full.push(t('hub.room.full.up', { holder: room.holder ?? '?', since: time(hub.since) }));
  } else {
    compact = t('hub.room.down', { since: time(hub.since) });
    full.push(t('hub.room.full.down', { since: time(hub.since), error: hub.lastError ?? '?' }));
  }
  if (hub.waiting > 0) full.push(t('hub.room.full.waiting', { count: hub.waiting, toSite: room.toSite, atSite: room.atSite }));
  if (undelivered > 0) full.push(t('hub.room.full.undelivered', { count: undelivered }));
  return { compact: `${compact}${counts}${undelivered > 0 ? ` · ${t('hub.undelivered', { count: undelivered })}` : ''}`, full, bad: room.stale || !hub.connected || undelivered > 0 };
}

export function hourMinute(zone: string, language: string): (iso: string | null) => string {
  // Hours and minutes, as the floor says them ("depuis 14:02").
  return (iso) => (iso ? formatTime(new Date(iso), zone, language).slice(0, 5) : '?');
}

export function RoomHubStatus({ hub, zone, language }: { hub: Hub; zone: string; language: string }) {
  const { t } = useTranslation();
  const { compact, full, bad } = roomHubTexts(hub, t, hourMinute(zone, language));
  const sentence = full.join(' · ');
  return (
    <span className={`hub-status room ${bad ? 'bad' : ''}`} data-testid="hub-status" data-room-stale={hub.room!.stale ? 'true' : 'false'} role="status" title={sentence} aria-label={sentence}>
      {compact}
    </span>
  );
}
