import { useEffect, useRef, useState } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../shared/api/contract';
import type { ApiError } from '../../../shared/api/envelope';
import { formatTime } from '../../../shared/domain/siteTime';
import type { TranslationKey } from '../../../shared/i18n';
import { translate } from '../i18n';
import { backend } from '../api/backend';
import { reportError } from '../api/reportError';
import { formatWaiting } from '../format/formatWaiting';
import { FOCUS } from '../focus/focusTargets';
import { useStatusStore } from '../stores/statusStore';
import { PriorityBadge } from './PriorityBadge';
import { hourMinute, roomHubTexts } from './RoomHubStatus';

type Floor = ResponseOf<'floor:status'>;

/** The room's link as the status bar says it: reached or not, and this desk's events still on their way. */
function siteLine(site: ResponseOf<'site:status'>, t: TFunction, time: (iso: string | null) => string): string {
  const state = site.state === 'online' ? t('site.online') : site.state === 'offline' ? t('site.offline', { since: time(site.offlineSince) }) : t('site.connecting');
  return [state, site.pending > 0 ? t('site.pending', { count: site.pending }) : null, site.refused > 0 ? t('site.refused', { count: site.refused }) : null].filter((x) => x !== null).join(' · ');
}

/**
 * The live floor: asked again on every pushed event (calls, dossiers, callbacks, Hub) and each
 * second so the waits run — within a second of what happens on the floor.
 */
export function FloorView() {
  const { t, i18n } = useTranslation();
  const timeZone = useStatusStore((s) => s.workstation?.timeZone ?? 'Europe/Paris');
  const hub = useStatusStore((s) => s.hub);
  const site = useStatusStore((s) => s.site);
  const [floor, setFloor] = useState<Floor | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const inFlight = useRef(false);
  useEffect(() => {
    let live = true;
    let again = false;
    const load = () => {
      // One request at a time; a burst of events makes one more, not one each.
      if (inFlight.current) {
        again = true;
        return;
      }
      inFlight.current = true;
      void backend.floorStatus().then((r) => {
        inFlight.current = false;
        if (!live) return;
        if (r.ok) {
          setFloor(r.value);
          setError(null);
        } else setError(r.error);
        if (again) {
          again = false;
          load();
        }
      });
    };
    load();
    const offs = [backend.onCallChanged(load), backend.onDossierChanged(load), backend.onDossiersChanged(load), backend.onCallbackChanged(load), backend.onHubStatus(load), backend.onTelephonyStatus(load)];
    const timer = setInterval(load, 1000);
    return () => {
      live = false;
      clearInterval(timer);
      offs.forEach((off) => off());
    };
  }, []);
  return (
    <section className="floor" data-testid="floor" aria-label={t('floor.title')} id={FOCUS.floor} tabIndex={0}>
      <h2>{t('floor.title')}</h2>
      {floor && (
        <>
          <p className="field-hint">{t('floor.updated', { time: formatTime(new Date(floor.at), timeZone, i18n.language) })}</p>
          {floor.posts.map((p) => (
            <div key={p.post} className="floor-post" data-testid="floor-post">
              <h3>
                {t('floor.post', { post: p.post })} — {p.operator ? `${p.operator.displayName} (${translate(t, `roles.${p.operator.role}` as TranslationKey)})` : t('floor.nobody')}
              </h3>
              <p>
                <span data-testid="floor-ringing">{t('floor.ringing', { count: p.ringing })}</span> · <span data-testid="floor-in-progress">{t('floor.inProgress', { count: p.inProgress })}</span> ·{' '}
                {t('floor.telephony', { state: !p.telephony.configured ? t('floor.notConfigured') : p.telephony.registered ? t('floor.registered') : t('floor.notRegistered') })}
              </p>
              <ul>
                {p.calls.map((c) => (
                  <li key={c.id} data-testid="floor-call" data-state={c.state}>
                    {c.direction === 'inbound' ? '↘' : '↗'} {c.remoteNumber ?? '—'} — {translate(t, `telephony.call.state.${c.state}`)} — {formatWaiting(c.sinceSeconds * 1000)}
                  </li>
                ))}
              </ul>
            </div>
          ))}
          <table className="indicator-table" data-testid="floor-queues">
            <caption>{t('floor.queues')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('floor.queue')}</th>
                <th scope="col">{t('floor.priority')}</th>
                <th scope="col">{t('floor.depth')}</th>
                <th scope="col">{t('floor.oldest')}</th>
                <th scope="col">{t('floor.escalated')}</th>
              </tr>
            </thead>
            <tbody>
              {floor.queues.length === 0 && (
                <tr>
                  <td colSpan={5}>{t('floor.none')}</td>
                </tr>
              )}
              {floor.queues.map((q) => (
                <tr key={`${q.queue}-${q.priority}`} className={q.escalated > 0 ? 'escalated' : undefined}>
                  <th scope="row">{translate(t, `queues.${q.queue}`)}</th>
                  <td>
                    <PriorityBadge priority={q.priority} />
                  </td>
                  <td>{q.depth}</td>
                  <td>{formatWaiting(q.oldestWaitSeconds * 1000)}</td>
                  <td>{q.escalated}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <h3>{t('floor.escalatedTitle')}</h3>
          <ul data-testid="floor-escalated">
            {floor.escalated.length === 0 && <li>{t('floor.none')}</li>}
            {floor.escalated.map((d) => (
              <li key={d.id}>
                {d.localNumber} — {translate(t, `queues.${d.queue}`)} <PriorityBadge priority={d.priority} /> — {formatWaiting(d.waitSeconds * 1000)}
              </li>
            ))}
          </ul>
          <p data-testid="floor-callbacks">{t('floor.callbacks', floor.callbacks)}</p>
          <p data-testid="floor-hub">
            {/* In a room the site is the Hub client: the same words as the top bar's, never this desk's own (empty) client. */}
            {hub?.room
              ? roomHubTexts(hub, t, hourMinute(timeZone, i18n.language)).full.join(' · ')
              : t('floor.hub', { state: floor.hub.connected ? t('floor.connected') : floor.hub.configured ? t('floor.disconnected') : t('floor.notConfigured'), waiting: floor.hub.waiting, failed: floor.hub.failed })}
          </p>
          <p data-testid="floor-site">{site?.configured ? siteLine(site, t, hourMinute(timeZone, i18n.language)) : t('floor.site')}</p>
        </>
      )}
      <p role="status">{error ? reportError(error, t) : ''}</p>
    </section>
  );
}
