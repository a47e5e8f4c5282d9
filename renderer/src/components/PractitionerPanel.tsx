import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../shared/api/contract';
import type { ApiError } from '../../../shared/api/envelope';
import { parsePractitionerQuery } from '../../../shared/domain/practitionerQuery';
import { backend } from '../api/backend';
import { spacedPhone } from '../format/spacedPhone';
import { reportError } from '../api/reportError';
import { useListKeys } from '../hooks/useListKeys';
import { translate } from '../i18n';
import { OverlayPanel } from './OverlayPanel';
import { PackAges } from './PackAges';

type Lookup = ResponseOf<'practitioners:lookup'>;


/** Typing settles before the pack is asked; Entrée asks at once. */
const SETTLE_MS = 150;

/**
 * The practitioners' directory from the offline RPPS pack: typed name, RPPS number or commune,
 * answered as one types; ↓ ↑ walk the list, whose every entry shows profession, specialty, places
 * and phones. The pack's age is shown with every answer, a warning past the configured age.
 */
export function PractitionerPanel({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const [answer, setAnswer] = useState<Lookup | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const field = useRef<HTMLInputElement>(null);
  const asked = useRef(0);

  const search = (text: string) => {
    const ticket = ++asked.current;
    if (!parsePractitionerQuery(text)) return;
    void backend.lookupPractitioners({ query: text }).then((r) => {
      // A slower answer to an earlier query must not replace the current one.
      if (ticket !== asked.current) return;
      if (!r.ok) return setError(r.error);
      setError(null);
      setAnswer(r.value);
      keys.reset();
    });
  };
  useEffect(() => {
    const timer = setTimeout(() => search(query), SETTLE_MS);
    return () => clearTimeout(timer);
  }, [query]);
  // The pack's age before anything is typed.
  useEffect(() => {
    void backend.packStatus().then((r) => {
      if (r.ok) setAnswer((current) => current ?? { practitioners: [], truncated: false, ages: r.value.ages.filter((a) => a.kind === 'rpps') });
    });
  }, []);

  const practitioners = answer?.practitioners ?? [];
  // Entrée never reaches the list keys: it asks the pack at once (below).
  const keys = useListKeys(practitioners.length, { choose: () => undefined, close: onClose });
  const active = practitioners[keys.active];
  useEffect(() => {
    if (active) document.getElementById(`practitioner-${active.rpps}`)?.scrollIntoView({ block: 'nearest' });
  }, [active]);
  const tooShort = query.trim() !== '' && parsePractitionerQuery(query) === null;

  return (
    <OverlayPanel wide title={t('practitioners.title')} titleId="practitioners-title" testId="practitioners-panel" onClose={onClose} closeLabel={t('practitioners.close')} closeId="practitioners-close" focusFirst={field}>
      <div className="practitioners-query">
        <label htmlFor="practitioners-query">{t('practitioners.query')}</label>
        <input
          ref={field}
          id="practitioners-query"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              search(query);
            } else keys.onKeyDown(e);
          }}
          role="combobox"
          aria-expanded={practitioners.length > 0}
          aria-controls="practitioners-list"
          aria-activedescendant={active ? `practitioner-${active.rpps}` : undefined}
          autoComplete="off"
          spellCheck={false}
        />
      </div>
      <p className="field-hint">{t('practitioners.hint')}</p>
      {answer && <PackAges ages={answer.ages} expected={['rpps']} testId="practitioners-ages" />}
      {error && <p className="field-error" role="alert" data-testid="practitioners-error">{reportError(error, t)}</p>}
      {tooShort && <p className="field-hint">{t('practitioners.tooShort')}</p>}
      {answer && query.trim() !== '' && !tooShort && (
        <p role="status" data-testid="practitioners-status">
          {practitioners.length === 0 ? t('practitioners.none') : answer.truncated ? translate(t, 'practitioners.truncated', { count: String(practitioners.length) }) : ''}
        </p>
      )}
      {practitioners.length > 0 && (
        <ul id="practitioners-list" className="practitioner-list" role="listbox" aria-label={t('practitioners.list')} data-testid="practitioners-list">
          {practitioners.map((p, i) => (
            <li key={p.rpps} id={`practitioner-${p.rpps}`} role="option" aria-selected={i === keys.active} className={i === keys.active ? 'active' : undefined}>
              <div className="practitioner-who">
                <strong>
                  {p.lastName} {p.firstName}
                </strong>
                <span>{[p.profession, p.specialty].filter(Boolean).join(' — ')}</span>
                <span className="practitioner-rpps">RPPS {p.rpps}</span>
              </div>
              <ul className="practitioner-places" aria-label={translate(t, 'practitioners.places', { count: String(p.places.length) })}>
                {p.places.map((place, k) => (
                  <li key={k}>
                    <span>{[place.place, place.address, [place.postcode, place.city].filter(Boolean).join(' ')].filter(Boolean).join(', ')}</span>
                    <span>{place.phone ? spacedPhone(place.phone) : t('practitioners.noPhone')}</span>
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
      )}
    </OverlayPanel>
  );
}
