import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { APPOINTMENT_CATEGORIES, beyondPromise, type AppointmentCategory } from '../../../shared/domain/appointment';
import { formatDateEntry, parseDateEntry } from '../../../shared/domain/dateEntry';
import { formatDateTime } from '../../../shared/domain/siteTime';
import { translate } from '../i18n';
import { OsnpDossierFacts } from './OsnpDossierFacts';
import { reportError } from '../api/reportError';
import { useOsnpStore } from '../stores/osnpStore';
import { useStatusStore } from '../stores/statusStore';
import { SasToAttach } from './SasToAttach';
import { FOCUS, focusById, focusFirstButtonIn } from '../focus/focusTargets';


/** Patients to find an appointment for (48 h from the call), and the form to record it. */
export function OsnpList() {
  const { t, i18n } = useTranslation();
  // Times are typed and shown on the site's clock (a Réunion site on a Paris-set workstation).
  const timeZone = useStatusStore((s) => s.workstation?.timeZone ?? 'Europe/Paris');
  const at = (iso: string) => formatDateTime(new Date(iso), timeZone, i18n.language).slice(0, -3);
  const { entries, beyond, selected, error, saved, load, select, record } = useOsnpStore();
  const [practitioner, setPractitioner] = useState('');
  const [place, setPlace] = useState('');
  const [startsAt, setStartsAt] = useState('');
  const [category, setCategory] = useState<AppointmentCategory>('AMB');
  useEffect(() => void load(), [load]);
  const current = entries.find((e) => e.dossierId === selected);
  const formShown = current !== undefined;
  useEffect(() => {
    if (!selected || !formShown) return;
    // Now, and again after the frame: the row's Enter can land after this render and keep the focus on the row.
    document.getElementById('osnp-practitioner')?.focus();
    focusById('osnp-practitioner');
  }, [selected, formShown]);
  const typed = startsAt.trim() === '' ? null : parseDateEntry(startsAt, new Date(), timeZone);
  const typedBeyond = current !== undefined && typed?.ok === true && beyondPromise(current, { startsAt: typed.instant.toISOString(), status: 'BOOKED' });
  // The date refused is said at the field, once the OSNP tried to save it.
  const dateRefused = error?.field === 'startsAt' && typed?.ok !== true;
  return (
    <section className="osnp" data-testid="osnp">
      <h2>{t('osnp.title')}</h2>
      <ol id={FOCUS.osnpList} className="osnp-list" data-testid="osnp-list">
        {entries.length === 0 && <li>{t('osnp.empty')}</li>}
        {entries.map((e) => (
          <li key={e.dossierId} data-testid="osnp-row" data-late={e.late || undefined}>
            <button type="button" onClick={() => select(e.dossierId)}>
              {e.localNumber} — {e.motive} — {e.callerPhone ?? '—'} — {e.late ? t('osnp.late') : t('osnp.deadline', { time: at(e.deadline) })}
            </button>
          </li>
        ))}
      </ol>
      {beyond.length > 0 && (
        <>
          <h3>{t('osnp.beyondTitle')}</h3>
          <ul className="osnp-beyond" data-testid="osnp-beyond">
            {beyond.map((b) => (
              <li key={`${b.dossierId}-${b.startsAt}`} data-testid="osnp-beyond-row">
                <strong className="late">{t('osnp.beyondPromise')}</strong> — {b.localNumber} — {b.motive} — {b.practitioner}, {at(b.startsAt)} ({t('osnp.deadline', { time: at(b.deadline) })})
              </li>
            ))}
          </ul>
        </>
      )}
      {current && (
        <form
          className="appointment-form"
          data-testid="appointment-form"
          onSubmit={(ev) => {
            ev.preventDefault();
            void record({ practitioner, place, startsAt, category, timeZone }).then((ok) => {
              if (ok) {
                setPractitioner('');
                setPlace('');
                setStartsAt('');
                focusFirstButtonIn(FOCUS.osnpList);
              }
            });
          }}
        >
          <h3>{current.localNumber}</h3>
          <OsnpDossierFacts dossierId={current.dossierId} deadline={current.deadline} />
          <label htmlFor="osnp-practitioner">{t('osnp.practitioner')}</label>
          <input id="osnp-practitioner" value={practitioner} onChange={(e) => setPractitioner(e.target.value)} />
          <label htmlFor="osnp-place">{t('osnp.place')}</label>
          <input id="osnp-place" value={place} onChange={(e) => setPlace(e.target.value)} />
          <label htmlFor="osnp-category">{t('osnp.category')}</label>
          <select id="osnp-category" value={category} onChange={(e) => setCategory(e.target.value as AppointmentCategory)}>
            {APPOINTMENT_CATEGORIES.map((c) => (
              <option key={c} value={c}>
                {t(`osnp.categories.${c}`)}
              </option>
            ))}
          </select>
          <label htmlFor="osnp-startsAt">{t('osnp.startsAt')}</label>
          <input id="osnp-startsAt" value={startsAt} placeholder="24/11/2026 09:30" aria-describedby="osnp-startsAt-hint" aria-invalid={dateRefused || undefined} onChange={(e) => setStartsAt(e.target.value)} />
          <span id="osnp-startsAt-hint" className={dateRefused ? 'field-error' : 'field-hint'} data-testid="osnp-startsAt-hint" role={dateRefused ? 'alert' : undefined}>
            {dateRefused && typed && !typed.ok ? (
              translate(t, `osnp.startsAtProblem.${typed.problem}`)
            ) : dateRefused ? (
              translate(t, 'osnp.startsAtProblem.format')
            ) : typedBeyond ? (
              <strong className="late">{t('osnp.beyondPromise')}</strong>
            ) : (
              t('osnp.siteClock', { timeZone })
            )}
          </span>
          {/* The date as understood, before it is saved: "demain 9h" shown as the day it means. */}
          {typed?.ok && (
            <span className="field-hint" data-testid="osnp-startsAt-read">
              {formatDateEntry(typed.instant, timeZone, i18n.language)}
            </span>
          )}
          <button type="submit">{t('osnp.save')}</button>
        </form>
      )}
      <SasToAttach />
      <p role="status" data-testid="osnp-status">
        {error ? reportError(error, t) : saved ? `${t('osnp.saved', { practitioner: saved.practitioner, time: at(saved.startsAt) })}${saved.beyondPromise ? ` — ${t('osnp.beyondPromise')}` : ''}` : ''}
      </p>
    </section>
  );
}
