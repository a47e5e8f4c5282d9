import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/api/envelope';
import type { ResponseOf } from '../../../shared/api/contract';
import { checkManualLocation, type Commune, type ManualLocationField, type ManualLocationInput } from '../../../shared/domain/manualLocation';
import { backend } from '../api/backend';
import { reportError } from '../api/reportError';
import { FOCUS } from '../focus/focusTargets';
import { useListKeys } from '../hooks/useListKeys';
import { useDebounced } from '../hooks/useDebounced';
import type { TranslationKey } from '../../../shared/i18n';
import { translate } from '../i18n';
import { useDraftStore } from '../stores/draftStore';
import { useUiStore } from '../stores/uiStore';

type Communes = ResponseOf<'address:communes'>;
type Problems = Partial<Record<ManualLocationField, string>>;

/**
 * A place no address index knows (issue 13 item 9), from the keyboard: the commune chosen from the
 * département's official list (↓ ↑ Entrée), a free description, coordinates if the caller has them;
 * Entrée saves, Échap closes. What is wrong is said at its field, by the same rule the services apply.
 */
export function ManualLocationForm() {
  const { t } = useTranslation();
  const saved = useDraftStore((s) => s.draft.saved);
  const apply = useDraftStore((s) => s.apply);
  const close = () => useUiStore.getState().setManualLocationOpen(false);
  const [communeText, setCommuneText] = useState('');
  const [chosen, setChosen] = useState<Commune | null>(null);
  const [found, setFound] = useState<Communes | null>(null);
  const [description, setDescription] = useState('');
  const [coordinates, setCoordinates] = useState('');
  const [problems, setProblems] = useState<Problems>({});
  const [general, setGeneral] = useState<ApiError | null>(null);
  const query = useDebounced(communeText, 120);
  const descriptionField = useRef<HTMLInputElement>(null);
  const listAvailable = found?.listAvailable ?? true;

  // Whether the desk has an official list at all is asked once, so the field says so before anything is typed.
  useEffect(() => {
    void backend.searchCommunes({ query: 'a', limit: 1 }).then((r) => r.ok && setFound((f) => f ?? { listAvailable: r.value.listAvailable, communes: [] }));
  }, []);
  useEffect(() => {
    if (query.trim().length < 2 || (chosen && query === chosen.name)) return;
    let current = true;
    void backend.searchCommunes({ query: query.slice(0, 100), limit: 6 }).then((r) => {
      if (current && r.ok) {
        setFound(r.value);
        keys.reset();
      }
    });
    return () => {
      current = false;
    };
  }, [query, chosen]);

  const results = chosen && communeText === chosen.name ? [] : (found?.communes ?? []);
  // Échap belongs to the whole form (onEscape on the section), not to the list alone.
  const keys = useListKeys(results.length, { choose: (i) => choose(results[i]), close: () => undefined });
  const active = keys.active;
  const choose = (commune: Commune | undefined) => {
    if (!commune) return;
    setChosen(commune);
    setCommuneText(commune.name);
    setProblems((p) => ({ ...p, commune: undefined }));
    descriptionField.current?.focus();
  };

  const problemText = (field: ManualLocationField, reason: string) => translate(t, `address.manual.problems.${field}.${reason}` as TranslationKey, { length: String(description.trim().length) });

  const save = async () => {
    const input: ManualLocationInput = {
      commune: chosen && communeText === chosen.name ? { inseeCode: chosen.inseeCode } : { name: communeText },
      description,
      coordinates,
    };
    // The services' own rule, with the one commune this form chose standing for the list.
    const check = checkManualLocation(input, listAvailable ? { byInsee: (code) => (chosen?.inseeCode === code ? chosen : null) } : null);
    if (!check.ok) {
      setProblems({ [check.field]: problemText(check.field, check.reason) });
      document.getElementById(`manual-${check.field}`)?.focus();
      return;
    }
    setProblems({});
    const access = saved?.location ? { floor: saved.location.floor, doorCode: saved.location.doorCode, intercom: saved.location.intercom, accessDetails: saved.location.accessDetails } : {};
    let refusal: ApiError | null = null;
    const ok = await apply(async (dossierId) => {
      const result = await backend.setManualLocation({ dossierId, ...input, ...access });
      if (!result.ok) refusal = result.error;
      return result;
    });
    if (ok) return close();
    const error = refusal as ApiError | null;
    const field = error?.field?.split('.')[0] as ManualLocationField | undefined;
    if (error && field && ['commune', 'description', 'coordinates'].includes(field)) {
      setProblems({ [field]: reportError(error, t) });
      document.getElementById(`manual-${field}`)?.focus();
    } else setGeneral(error);
  };

  const onEnterSaves = (e: React.KeyboardEvent) => {
    if (e.key === 'Enter') {
      e.preventDefault();
      void save();
    }
  };
  const onEscape = (e: React.KeyboardEvent) => {
    if (e.key === 'Escape') {
      e.preventDefault();
      e.stopPropagation();
      close();
      document.getElementById(FOCUS.address)?.focus();
    }
  };
  const invalid = (field: ManualLocationField) => (problems[field] ? { 'aria-invalid': true, 'aria-describedby': `manual-${field}-problem` } : {});
  const problem = (field: ManualLocationField) =>
    problems[field] && (
      <span id={`manual-${field}-problem`} className="field-error" role="alert" data-testid={`manual-${field}-problem`}>
        {problems[field]}
      </span>
    );

  return (
    <section className="manual-location" aria-labelledby="manual-location-title" data-testid="manual-location" onKeyDown={onEscape}>
      <h3 id="manual-location-title">{t('address.manual.title')}</h3>
      <div className="manual-field">
        <label htmlFor={FOCUS.manualCommune}>{listAvailable ? t('address.manual.commune') : t('address.manual.communeFree')}</label>
        <input
          id={FOCUS.manualCommune}
          type="text"
          autoComplete="off"
          role="combobox"
          aria-expanded={results.length > 0}
          aria-controls="manual-commune-results"
          aria-activedescendant={results[active] ? `manual-commune-${active}` : undefined}
          value={communeText}
          {...invalid('commune')}
          onChange={(e) => {
            setCommuneText(e.target.value);
            setProblems((p) => ({ ...p, commune: undefined }));
          }}
          onKeyDown={(e) => {
            // Without a list (or with the commune already chosen), Entrée goes on to the description.
            if (e.key === 'Enter' && results.length === 0) {
              e.preventDefault();
              descriptionField.current?.focus();
            } else keys.onKeyDown(e);
          }}
        />
        {problem('commune')}
        {!listAvailable && <p className="field-hint warning" data-testid="manual-no-list">{t('address.manual.noList')}</p>}
        {listAvailable && !chosen && <p className="field-hint">{t('address.manual.communeHint')}</p>}
        {chosen && communeText === chosen.name && <p className="field-hint" data-testid="manual-commune-chosen">{t('address.manual.chosen', { name: chosen.name, insee: chosen.inseeCode })}</p>}
        {listAvailable && query.trim().length >= 2 && results.length === 0 && !(chosen && communeText === chosen.name) && found && <p className="field-hint">{t('address.manual.noneFound')}</p>}
        {results.length > 0 && (
          <ul id="manual-commune-results" role="listbox" aria-label={t('address.manual.commune')} className="address-results">
            {results.map((c, i) => (
              <li key={c.inseeCode} id={`manual-commune-${i}`} role="option" aria-selected={i === active} className={i === active ? 'active' : undefined}>
                {c.name} <span className="field-hint">{[c.postcode, c.inseeCode].filter(Boolean).join(' · ')}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
      <div className="manual-field">
        <label htmlFor="manual-description">{t('address.manual.description')}</label>
        <input
          ref={descriptionField}
          id="manual-description"
          type="text"
          autoComplete="off"
          value={description}
          {...invalid('description')}
          onChange={(e) => {
            setDescription(e.target.value);
            setProblems((p) => ({ ...p, description: undefined }));
          }}
          onKeyDown={onEnterSaves}
        />
        {problem('description')}
      </div>
      <div className="manual-field">
        <label htmlFor="manual-coordinates">{t('address.manual.coordinates')}</label>
        <input
          id="manual-coordinates"
          type="text"
          autoComplete="off"
          value={coordinates}
          {...invalid('coordinates')}
          onChange={(e) => {
            setCoordinates(e.target.value);
            setProblems((p) => ({ ...p, coordinates: undefined }));
          }}
          onKeyDown={onEnterSaves}
        />
        {problem('coordinates')}
      </div>
      <p className="field-hint">{t('address.manual.hint')}</p>
      {general && (
        <p className="field-error" role="alert">
          {reportError(general, t)}
        </p>
      )}
    </section>
  );
}
