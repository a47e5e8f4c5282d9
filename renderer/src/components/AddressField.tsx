import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../shared/api/contract';
import { backend } from '../api/backend';
import { useDebounced } from '../hooks/useDebounced';
import { useListKeys } from '../hooks/useListKeys';
import { translate } from '../i18n';
import { useDraftStore } from '../stores/draftStore';
import { AccessDetails } from './AccessDetails';
import { ManualLocationForm } from './ManualLocationForm';
import { useUiStore } from '../stores/uiStore';
import { LocationSummary } from './LocationSummary';
import { PackAges } from './PackAges';
import { FOCUS } from '../focus/focusTargets';

type Search = ResponseOf<'address:search'>;
type Ages = ResponseOf<'packs:status'>['ages'];

/**
 * Search-as-you-type on the national address base, or the offline index when it fails; the
 * source that answered is always shown. ↓/↑ move in the list, Enter locates the dossier.
 */
export function AddressField() {
  const { t } = useTranslation();
  const saved = useDraftStore((s) => s.draft.saved);
  const apply = useDraftStore((s) => s.apply);
  const [text, setText] = useState('');
  const [search, setSearch] = useState<Search | null>(null);
  const query = useDebounced(text, 120);
  const [banAge, setBanAge] = useState<Ages | null>(null);
  const offline = search?.source === 'OFFLINE';
  // The offline index answered: how old it is, said under the results (asked once per form).
  useEffect(() => {
    if (!offline || banAge) return;
    void backend.packStatus().then((r) => r.ok && setBanAge(r.value.ages.filter((a) => a.kind === 'ban')));
  }, [offline, banAge]);

  useEffect(() => {
    if (query.trim().length < 3) return setSearch(null);
    let current = true;
    void backend.searchAddress({ query, limit: 6 }).then((result) => {
      if (current && result.ok) {
        setSearch(result.value);
        keys.reset();
      }
    });
    return () => {
      current = false;
    };
  }, [query]);

  const results = search?.results ?? [];
  // Échap is not the list's here: the field has nothing to close (the results go once a place is chosen).
  const keys = useListKeys(results.length, { choose: (i) => void choose(i), close: () => undefined });
  const active = keys.active;
  const choose = async (index: number) => {
    const address = results[index];
    if (!address || !search) return;
    // A corrected address keeps the access details already given (floor, code, intercom).
    const access = saved?.location ? { floor: saved.location.floor, doorCode: saved.location.doorCode, intercom: saved.location.intercom, accessDetails: saved.location.accessDetails } : {};
    const ok = await apply((dossierId) => backend.setLocation({ dossierId, address, source: search.source, ...access }));
    if (ok) {
      setText(address.label);
      setSearch(null);
    }
  };

  const location = saved?.location;
  const manualOpen = useUiStore((s) => s.manualLocationOpen);
  // A place entered by hand replaces the search that found nothing: the field shows what was saved.
  const unverifiedLabel = location?.source === 'UNVERIFIED' ? location.label : null;
  useEffect(() => {
    if (unverifiedLabel === null) return;
    setText('');
    setSearch(null);
  }, [unverifiedLabel]);
  return (
    <div className="address-field" data-testid="address-field">
      <label htmlFor={FOCUS.address}>{t('address.label')}</label>
      <input
        id={FOCUS.address}
        type="text"
        autoComplete="off"
        role="combobox"
        aria-expanded={results.length > 0}
        aria-controls="address-results"
        aria-activedescendant={results[active] ? `address-${active}` : undefined}
        value={text}
        onChange={(e) => setText(e.target.value)}
        onKeyDown={keys.onKeyDown}
      />
      {search && (
        <p className="field-hint" data-testid="address-source">
          {translate(t, search.source === 'BAN' ? 'address.sourceBAN' : 'address.sourceOFFLINE')}
          {search.degraded && <> ({translate(t, `address.degraded.${search.degraded}`)}{!search.offlineIndex && <>, {t('address.noIndex')}</>})</>}
        </p>
      )}
      {offline && banAge && <PackAges ages={banAge} expected={search.offlineIndex ? ['ban'] : []} testId="address-age" />}
      {search && results.length === 0 && <p className="field-hint">{t('address.none')}</p>}
      {results.length > 0 && (
        <ul id="address-results" role="listbox" aria-label={t('address.label')} className="address-results">
          {results.map((r, i) => (
            <li key={`${r.label}-${i}`} id={`address-${i}`} role="option" aria-selected={i === active} className={i === active ? 'active' : undefined}>
              {r.label} <span className="field-hint">{r.precision}</span>
            </li>
          ))}
        </ul>
      )}
      {!search && (location ? <LocationSummary location={location} /> : <p className="field-hint">{t('address.hint')}</p>)}
      {/* Where the index finds nothing, the way to enter the place by hand. */}
      {!manualOpen && search && results.length === 0 && <p className="field-hint">{t('address.manualHint')}</p>}
      {manualOpen && <ManualLocationForm />}
      {location && <AccessDetails key={location.label} location={location} />}
    </div>
  );
}
