import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EventOf, ResponseOf } from '../../../shared/api/contract';
import type { ApiError } from '../../../shared/api/envelope';
import { formatDateTime } from '../../../shared/domain/siteTime';
import { backend } from '../api/backend';
import { reportError } from '../api/reportError';
import { useListKeys } from '../hooks/useListKeys';
import { translate } from '../i18n';
import { useOsnpStore } from '../stores/osnpStore';
import { useStatusStore } from '../stores/statusStore';
import { OverlayPanel } from './OverlayPanel';

type Found = EventOf<'slots:found'>;
type Search = ResponseOf<'slots:search'>;
type Slot = Found['slots'][number];

/** Soonest first, then nearest (unknown distance after), across every endpoint's answer. */
const bySoonestThenNearest = (a: Slot, b: Slot) => Date.parse(a.start) - Date.parse(b.start) || (a.distanceMetres ?? Infinity) - (b.distanceMetres ?? Infinity);

/**
 * Free GP slots within 48 h from the agendas IT configured, shown as each agenda answers (a slow
 * or failing one named, never waited for). Entrée opens the slot's booking page outside the app
 * (as INT_L01 does); once booked, Ctrl+Entrée records the appointment on the dossier.
 */
export function SlotPanel({ dossierId, onClose }: { dossierId: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const timeZone = useStatusStore((s) => s.workstation?.timeZone ?? 'Europe/Paris');
  const when = (iso: string) => formatDateTime(new Date(iso), timeZone, i18n.language).replace(/(\d{2}:\d{2}):\d{2}/, '$1');
  const [search, setSearch] = useState<Search | null>(null);
  // Answers may come before the search's own reply: all are kept, the search's are shown.
  const [answers, setAnswers] = useState<Found[]>([]);
  const [error, setError] = useState<ApiError | null>(null);
  const [status, setStatus] = useState('');
  const list = useRef<HTMLUListElement>(null);

  useEffect(() => {
    const off = backend.onSlotsFound((found) => setAnswers((all) => [...all, found]));
    void backend.searchSlots({ dossierId }).then((r) => (r.ok ? setSearch(r.value) : setError(r.error)));
    return off;
  }, [dossierId]);

  const mine = useMemo(() => (search ? answers.filter((a) => a.searchId === search.searchId) : []), [answers, search]);
  const slots = useMemo(() => mine.flatMap((a) => a.slots).sort(bySoonestThenNearest), [mine]);
  const hadSlots = slots.length > 0;
  useEffect(() => {
    if (hadSlots && document.activeElement !== list.current) list.current?.focus();
  }, [hadSlots]);

  const open = (index: number) => {
    const slot = slots[index];
    if (!slot?.bookingUrl) return;
    window.open(slot.bookingUrl, '_blank', 'noopener');
    setStatus(t('slots.opened'));
  };
  const recordSlot = (slot: Slot) => {
    void backend
      .recordAppointment({ dossierId, practitioner: slot.practitioner.slice(0, 200), place: slot.place.slice(0, 300), startsAt: slot.start, category: slot.consultation[0] ?? 'AMB' })
      .then((r) => {
        if (!r.ok) return setError(r.error);
        setError(null);
        setStatus(translate(t, 'slots.recorded', { practitioner: slot.practitioner, start: when(slot.start) }));
        if (useOsnpStore.getState().selected === dossierId) useOsnpStore.setState({ selected: null });
        void useOsnpStore.getState().load();
      });
  };
  const keys = useListKeys(slots.length, { choose: open, close: onClose });
  const active = slots[keys.active];

  const answered = new Map(mine.map((a) => [a.endpoint, a]));
  const everyFailed = search !== null && search.endpoints.length > 0 && search.endpoints.every((e) => answered.get(e)?.ok === false);
  const offline = everyFailed && search.endpoints.every((e) => ['unreachable', 'timeout'].includes(answered.get(e)?.problem ?? ''));
  const km = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1, minimumFractionDigits: 1 });

  return (
    <OverlayPanel
      wide
      title={t('slots.title')}
      titleId="slots-title"
      testId="slot-panel"
      onClose={onClose}
      closeLabel={t('slots.close')}
      closeId="slots-close"
      actions={<span role="status" data-testid="slots-status">{status}</span>}
    >
      {error && <p className="field-error" role="alert">{reportError(error, t)}</p>}
      {search && <p className="field-hint">{translate(t, 'slots.window', { from: when(search.from), to: when(search.to) })}</p>}
      {search?.unverified && (
        <p className="field-hint warning" data-testid="slots-basis">
          {!search.located ? t('pharmacy.unverifiedNoPosition') : search.basis === 'coordinates' ? t('pharmacy.basis.coordinates') : t('pharmacy.basis.communeCentre')}
        </p>
      )}
      {search && search.endpoints.length === 0 && <p className="pharmacy-coverage warning" data-testid="slots-offline">{t('slots.none')} {t('slots.offline')}</p>}
      {search && search.endpoints.length > 0 && (
        <ul className="slot-endpoints" data-testid="slot-endpoints" aria-live="polite">
          {search.endpoints.map((name) => {
            const a = answered.get(name);
            const text = !a
              ? translate(t, 'slots.waiting', { endpoint: name })
              : a.ok
                ? `${translate(t, 'slots.found', { endpoint: name, count: String(a.slots.length) })}${a.ignored + a.incomplete > 0 ? ` — ${translate(t, 'slots.ignored', { count: String(a.ignored + a.incomplete) })}` : ''}`
                : translate(t, `slots.problem.${a.problem ?? 'unreachable'}`, { endpoint: name, detail: a.detail });
            return (
              <li key={name} className={a && !a.ok ? 'warning' : undefined}>
                {text}
              </li>
            );
          })}
        </ul>
      )}
      {offline && <p className="pharmacy-coverage warning" role="alert" data-testid="slots-offline">{t('slots.offline')}</p>}
      {search && search.endpoints.length > 0 && !hadSlots && mine.length === search.endpoints.length && !offline && <p>{t('slots.empty')}</p>}
      {hadSlots && (
        <>
          <p className="field-hint">{t('slots.hint')}</p>
          <ul
            ref={list}
            className="pharmacy-list"
            role="listbox"
            tabIndex={0}
            aria-label={t('slots.list')}
            aria-activedescendant={active ? `slot-${keys.active}` : undefined}
            data-testid="slot-list"
            onKeyDown={(e) => {
              if (e.key === 'Enter' && e.ctrlKey) {
                e.preventDefault();
                e.stopPropagation();
                if (active) recordSlot(active);
                return;
              }
              keys.onKeyDown(e);
            }}
          >
            {slots.map((s, i) => (
              <li key={`${s.endpoint}/${s.slotId}`} id={`slot-${i}`} role="option" aria-selected={i === keys.active} className={i === keys.active ? 'active' : undefined}>
                <strong>{when(s.start)}</strong>
                <span>{s.distanceMetres === null ? t('pharmacy.noDistance') : translate(t, 'pharmacy.distance', { km: km.format(s.distanceMetres / 1000) })}</span>
                <span>
                  {s.practitioner} — {s.place}
                </span>
                <span>
                  {[...s.consultation, ...s.visibility].join(' · ')}
                </span>
                <span>
                  {s.endpoint}
                  {!s.bookingUrl && ` (${t('slots.noBooking')})`}
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </OverlayPanel>
  );
}
