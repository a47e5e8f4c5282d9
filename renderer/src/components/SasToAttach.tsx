import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../shared/api/contract';
import type { ApiError } from '../../../shared/api/envelope';
import { suggestDossiers } from '../../../shared/domain/appointmentMatch';
import { formatDateTime } from '../../../shared/domain/siteTime';
import { backend } from '../api/backend';
import { reportError } from '../api/reportError';
import { useListKeys } from '../hooks/useListKeys';
import { useOsnpStore } from '../stores/osnpStore';
import { useStatusStore } from '../stores/statusStore';
import { FOCUS } from '../focus/focusTargets';

type Pushed = ResponseOf<'sas:appointmentsToAttach'>['entries'][number];

const SUGGESTIONS = 'sas-suggestions';

/**
 * Appointments the SAS platform pushed that no dossier claims yet, and, for the one chosen, the
 * awaiting SNP dossiers it may belong to (shared/domain/appointmentMatch.ts). Keyboard only:
 * ↓ ↑ choose the appointment, Entrée goes to its suggestions, ↓ ↑ and Entrée attach, Échap back.
 */
export function SasToAttach() {
  const { t, i18n } = useTranslation();
  const timeZone = useStatusStore((s) => s.workstation?.timeZone ?? 'Europe/Paris');
  const at = (iso: string) => formatDateTime(new Date(iso), timeZone, i18n.language).slice(0, -3);
  const entries = useOsnpStore((s) => s.entries);
  const reloadOsnp = useOsnpStore((s) => s.load);
  const [pushed, setPushed] = useState<Pushed[]>([]);
  const [chosen, setChosen] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  // In a room the list is the site's: away, this desk cannot know what it received.
  const [siteAway, setSiteAway] = useState(false);
  useEffect(() => {
    let live = true;
    const load = () =>
      void backend.sasAppointmentsToAttach().then((r) => {
        if (!live) return;
        if (r.ok) {
          setPushed(r.value.entries);
          setSiteAway(r.value.room?.siteAnswered === false);
        }
        else if (r.error.code !== 'E_FORBIDDEN') setError(r.error);
      });
    load();
    // A new RS-SAS-RDV moves the Hub status (the inbox reports a change): list again.
    const off = backend.onHubStatus(() => load());
    return () => {
      live = false;
      off();
    };
  }, []);
  const appointment = pushed.find((p) => p.appointmentId === chosen) ?? null;
  const suggestions = useMemo(
    () => (appointment ? suggestDossiers({ start: appointment.start, bookedAt: appointment.bookedAt }, entries) : []),
    [appointment, entries],
  );
  const list = useListKeys(pushed.length, {
    choose: (i) => {
      setChosen(pushed[i]!.appointmentId);
      setDone(null);
      setTimeout(() => document.getElementById(SUGGESTIONS)?.focus(), 0);
    },
    close: () => setChosen(null),
  });
  const attach = async (dossierId: string) => {
    if (!appointment) return;
    const r = await backend.attachSasAppointment({ appointmentId: appointment.appointmentId, dossierId });
    if (!r.ok) return setError(r.error);
    setError(null);
    const localNumber = entries.find((e) => e.dossierId === dossierId)?.localNumber ?? dossierId;
    setDone(r.value.attached ? t('sas.attached', { localNumber }) : t('sas.notAttached'));
    setChosen(null);
    setPushed((p) => p.filter((x) => x.appointmentId !== appointment.appointmentId));
    await reloadOsnp();
    document.getElementById(FOCUS.sasToAttach)?.focus();
  };
  const pick = useListKeys(suggestions.length, {
    choose: (i) => void attach(suggestions[i]!.dossierId),
    close: () => {
      setChosen(null);
      document.getElementById(FOCUS.sasToAttach)?.focus();
    },
  });
  if (pushed.length === 0 && !done && !error && !siteAway) return null;
  return (
    <section className="sas-to-attach" data-testid="sas-to-attach">
      <h3>{t('sas.title')}</h3>
      <ol
        id={FOCUS.sasToAttach}
        tabIndex={0}
        role="listbox"
        aria-label={t('sas.title')}
        aria-activedescendant={pushed[list.active] ? `sas-${list.active}` : undefined}
        onKeyDown={list.onKeyDown}
      >
        {pushed.length === 0 && <li>{siteAway ? t('sas.siteAway') : t('sas.empty')}</li>}
        {pushed.map((p, i) => (
          <li key={p.appointmentId} id={`sas-${i}`} role="option" aria-selected={i === list.active} className={i === list.active ? 'active' : undefined} data-testid="sas-row">
            {at(p.start)} — {p.practitioner ?? t('sas.noPractitioner')} — {t('sas.bookedAt', { time: at(p.bookedAt) })}
          </li>
        ))}
      </ol>
      {appointment && (
        <>
          <h4>{t('sas.suggestions', { time: at(appointment.start) })}</h4>
          <ol
            id={SUGGESTIONS}
            tabIndex={0}
            role="listbox"
            aria-label={t('sas.suggestions', { time: at(appointment.start) })}
            aria-activedescendant={suggestions[pick.active] ? `sas-suggestion-${pick.active}` : undefined}
            onKeyDown={pick.onKeyDown}
            data-testid="sas-suggestions"
          >
            {suggestions.length === 0 && <li>{t('sas.noSuggestion')}</li>}
            {suggestions.map((s, i) => {
              const e = entries.find((x) => x.dossierId === s.dossierId)!;
              return (
                <li key={s.dossierId} id={`sas-suggestion-${i}`} role="option" aria-selected={i === pick.active} className={i === pick.active ? 'active' : undefined} data-testid="sas-suggestion">
                  {e.localNumber} — {e.motive} — {e.patientName ?? e.callerPhone ?? '—'} — {t('sas.called', { time: at(e.createdAt) })} ({s.reasons.map((r) => t(`sas.reasons.${r}`)).join(', ')})
                </li>
              );
            })}
          </ol>
          <p className="field-hint">{t('sas.keys')}</p>
        </>
      )}
      <p role="status" data-testid="sas-status">
        {error ? reportError(error, t) : (done ?? '')}
      </p>
    </section>
  );
}
