import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../shared/api/contract';
import type { ApiError } from '../../../shared/api/envelope';
import { permissionFor } from '../../../shared/api/permissions';
import { formatDateTime, parseSiteLocal, toSiteLocal } from '../../../shared/domain/siteTime';
import { backend } from '../api/backend';
import { spacedPhone } from '../format/spacedPhone';
import { reportError } from '../api/reportError';
import { useListKeys } from '../hooks/useListKeys';
import { translate } from '../i18n';
import { useSessionStore } from '../stores/sessionStore';
import { useStatusStore } from '../stores/statusStore';
import { OverlayPanel } from './OverlayPanel';
import { PackAges } from './PackAges';

type OnDuty = ResponseOf<'pharmacy:onDuty'>;


/**
 * The pharmacies on duty for the dossier's location, nearest first, at now on the site clock or a
 * time typed in; from the offline packs, whose age is shown. ↓ ↑ Entrée chooses one (a physician's
 * decision, recorded by the services), and the text to read to the caller is shown.
 */
export function PharmacyPanel({ dossierId, onClose }: { dossierId: string; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const timeZone = useStatusStore((s) => s.workstation?.timeZone ?? 'Europe/Paris');
  const role = useSessionStore((s) => s.session?.operator.role ?? null);
  const mayChoose = permissionFor('pharmacy:choose', role) === 'allowed';
  const [answer, setAnswer] = useState<OnDuty | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [timeText, setTimeText] = useState('');
  const [timeRefused, setTimeRefused] = useState(false);
  const [advice, setAdvice] = useState<string | null>(null);
  const list = useRef<HTMLUListElement>(null);
  const timeField = useRef<HTMLInputElement>(null);
  // To the minute: duties start and end on the hour, seconds would only be noise to read out.
  const when = (iso: string) => formatDateTime(new Date(iso), timeZone, i18n.language).replace(/(\d{2}:\d{2}):\d{2}/, '$1');

  const load = useCallback(
    (at?: string) => {
      void backend.pharmaciesOnDuty({ dossierId, ...(at ? { at } : {}) }).then((r) => {
        if (!r.ok) return setError(r.error);
        setError(null);
        setAnswer(r.value);
        setTimeText(toSiteLocal(new Date(r.value.at), timeZone).replace('T', ' '));
      });
    },
    [dossierId, timeZone],
  );
  useEffect(() => load(), [load]);

  const pharmacies = answer?.pharmacies ?? [];
  // Each answer with officines puts the hands on the list (the next key is ↓ or Entrée); without
  // any, on the time (the next thing to try is another time).
  useEffect(() => {
    if (answer) (answer.pharmacies.length > 0 ? list.current : timeField.current)?.focus();
  }, [answer]);
  const choose = (index: number) => {
    const chosen = pharmacies[index];
    if (!chosen || !answer || !mayChoose) return;
    void backend.choosePharmacy({ dossierId, finess: chosen.finess, at: answer.at }).then((r) => {
      if (!r.ok) return setError(r.error);
      setError(null);
      setAdvice(r.value.decisions.at(-1)?.adviceText ?? null);
    });
  };
  const keys = useListKeys(pharmacies.length, { choose, close: onClose });
  const active = pharmacies[keys.active];

  const coverage = answer?.coverage;
  const at = answer ? when(answer.at) : '';
  const coverageText = !coverage
    ? ''
    : coverage.status === 'covered'
      ? translate(t, 'pharmacy.covered', { count: String(pharmacies.length), at })
      : coverage.status === 'gap'
        ? coverage.nextStart
          ? translate(t, 'pharmacy.gap', { at, next: when(coverage.nextStart) })
          : translate(t, 'pharmacy.gapNoNext', { at })
        : coverage.status === 'outsideRota'
          ? translate(t, 'pharmacy.outsideRota', { at, from: when(coverage.rotaFrom), to: when(coverage.rotaTo) })
          : t('pharmacy.noRota');
  const km = new Intl.NumberFormat(i18n.language, { maximumFractionDigits: 1, minimumFractionDigits: 1 });

  return (
    <OverlayPanel wide title={t('pharmacy.title')} titleId="pharmacy-title" testId="pharmacy-panel" onClose={onClose} closeLabel={t('pharmacy.close')} closeId="pharmacy-close">
      <form
        className="pharmacy-time"
        onSubmit={(e) => {
          e.preventDefault();
          const instant = parseSiteLocal(timeText, timeZone);
          setTimeRefused(instant === null);
          if (instant) load(instant.toISOString());
        }}
      >
        <label htmlFor="pharmacy-at">{t('pharmacy.at')}</label>
        <input ref={timeField} id="pharmacy-at" value={timeText} onChange={(e) => setTimeText(e.target.value)} aria-invalid={timeRefused} autoComplete="off" />
        {timeRefused && <span className="field-error" role="alert">{t('pharmacy.badTime')}</span>}
      </form>
      {answer && <PackAges ages={answer.ages} expected={['pharmacies', 'rotas']} testId="pharmacy-ages" />}
      {error && <p className="field-error" role="alert" data-testid="pharmacy-error">{reportError(error, t)}</p>}
      {answer && (
        <p className={coverage?.status === 'covered' ? 'pharmacy-coverage' : 'pharmacy-coverage warning'} role="status" data-testid="pharmacy-coverage">
          {coverageText}
          {!answer.located && <> {answer.unverified ? t('pharmacy.unverifiedNoPosition') : t('pharmacy.notLocated')}</>}
          {answer.basis === 'coordinates' && <> {t('pharmacy.basis.coordinates')}</>}
          {answer.basis === 'communeCentre' && <> {t('pharmacy.basis.communeCentre')}</>}
        </p>
      )}
      {pharmacies.length > 0 && (
        <>
          <p className="field-hint">{mayChoose ? t('pharmacy.chooseHint') : t('pharmacy.chooseReserved')}</p>
          <ul
            ref={list}
            className="pharmacy-list"
            role="listbox"
            tabIndex={0}
            aria-label={t('pharmacy.list')}
            aria-activedescendant={active ? `pharmacy-${active.finess}` : undefined}
            data-testid="pharmacy-list"
            onKeyDown={keys.onKeyDown}
          >
            {pharmacies.map((p, i) => (
              <li key={p.finess} id={`pharmacy-${p.finess}`} role="option" aria-selected={i === keys.active} className={i === keys.active ? 'active' : undefined}>
                <strong>{p.name}</strong>
                <span>{p.distanceMetres === null ? t('pharmacy.noDistance') : translate(t, 'pharmacy.distance', { km: km.format(p.distanceMetres / 1000) })}</span>
                <span>{[p.address, [p.postcode, p.city].filter(Boolean).join(' ')].filter(Boolean).join(', ')}</span>
                <span>{p.phone ? spacedPhone(p.phone) : '—'}</span>
                <span>{translate(t, 'pharmacy.until', { until: when(p.until) })}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {advice && (
        <div className="pharmacy-advice" data-testid="pharmacy-advice">
          <p>{t('pharmacy.chosen')}</p>
          <blockquote>{advice}</blockquote>
        </div>
      )}
    </OverlayPanel>
  );
}
