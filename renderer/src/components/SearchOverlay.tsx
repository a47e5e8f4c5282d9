import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueEntry } from '../../../shared/domain/queue';
import { formatDateTime } from '../../../shared/domain/siteTime';
import { backend } from '../api/backend';
import { reportError } from '../api/reportError';
import { useDebounced } from '../hooks/useDebounced';
import { useListKeys } from '../hooks/useListKeys';
import { useReturnFocus } from '../hooks/useReturnFocus';
import { useDraftStore } from '../stores/draftStore';
import { useStatusStore } from '../stores/statusStore';
import { PriorityBadge } from './PriorityBadge';
import { translate } from '../i18n';
import { focusDossier } from '../focus/focusTargets';

/**
 * Ctrl+Maj+F: free-text search over every dossier (motive, names, numbers), newest first;
 * Enter opens the one under the cursor in the dossier screen.
 */
export function SearchOverlay({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const timeZone = useStatusStore((s) => s.workstation?.timeZone ?? 'Europe/Paris');
  const [text, setText] = useState('');
  const [entries, setEntries] = useState<QueueEntry[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const query = useDebounced(text, 120);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    if (query.trim() === '') return setEntries(null);
    let current = true;
    void backend.searchDossiers({ text: query, limit: 50 }).then((result) => {
      if (!current) return;
      setEntries(result.ok ? result.value.entries : []);
      setError(result.ok ? null : reportError(result.error, t));
    });
    return () => {
      current = false;
    };
  }, [query, t]);

  const found = entries ?? [];
  const { active, reset, onKeyDown } = useListKeys(found.length, {
    close: onClose,
    choose: (index) => {
      const entry = found[index];
      if (!entry) return;
      onClose();
      void useDraftStore.getState().openExisting(entry.id).then((opened) => opened && focusDossier());
    },
  });
  useReturnFocus();
  useEffect(() => input.current?.focus(), []);

  return (
    <div className="overlay">
      <div role="dialog" aria-modal="true" aria-label={t('search.title')} className="palette search-overlay" data-testid="search-overlay" onKeyDown={onKeyDown}>
        <input
          ref={input}
          type="search"
          aria-label={t('search.field')}
          placeholder={t('search.field')}
          value={text}
          role="combobox"
          aria-expanded="true"
          aria-controls="search-list"
          aria-describedby="search-hint"
          aria-activedescendant={found[active] ? `search-${found[active].id}` : undefined}
          onChange={(e) => {
            setText(e.target.value);
            reset();
          }}
        />
        <p id="search-hint" className={error ? 'field-error' : 'field-hint'} aria-live="polite">
          {error ?? (entries === null ? t('search.hint') : entries.length === 0 ? t('search.empty') : `${t('search.results', { count: entries.length })} · ${t('search.hint')}`)}
        </p>
        <ul id="search-list" role="listbox" aria-label={t('search.title')} data-testid="search-results">
          {found.map((e, i) => (
            <li key={e.id} id={`search-${e.id}`} role="option" aria-selected={i === active} className={i === active ? 'active' : undefined}>
              <PriorityBadge priority={e.priority} /> <span>{e.localNumber}</span> · <span>{formatDateTime(new Date(e.createdAt), timeZone, i18n.language)}</span> · <span>{e.callerPhone ?? t('queue.hiddenNumber')}</span> · <span>{e.motive}</span> · <span>{translate(t, `states.${e.state}`)}</span>
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
