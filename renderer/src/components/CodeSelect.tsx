import { useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { officialLabel, type CodeOf, type HubSanteList } from '../../../shared/domain/codes';
import * as lists from '../../../shared/domain/codes/hubSanteCodes';
import { COMMON_LANGUAGES, foldText, rankCodes, type CodeEntry } from '../../../shared/domain/codes/codeSearch';
import { recentCodes, rememberCode } from '../storage/recentCodes';

/** Some official labels carry a leading "#" (a marker of the nomenclature, not a word): not shown. */
function shownLabel(label: string): string {
  return label.replace(/^#\s*/, '');
}

/** Enough rows to pick from; typing one more word narrows the rest. */
const SHOWN = 40;

function ranked(list: HubSanteList, query: string): CodeEntry[] {
  return rankCodes(lists[list] as readonly CodeEntry[], query, { recent: recentCodes(list), ...(list === 'langue' ? { common: COMMON_LANGUAGES } : {}) });
}

/**
 * A choice among an official code list, found by words: the operator types words of the label
 * (accents and case ignored) or the start of the code (completed in the field, as a select's
 * type-ahead did), ↓ ↑ move, Entrée — or Tab, or Ctrl+Entrée, after typing — chooses, Échap
 * gives the field back as it was. Recent choices on this post come first, then the common ones
 * (French first among the languages). The value changes — and is journaled — only when chosen,
 * never per keystroke. WAI-ARIA combobox with a listbox popup; the field shows the code, its
 * label stands beside it.
 */
export function CodeSelect<L extends HubSanteList>({
  id,
  list,
  value,
  onChange,
  emptyLabel,
  disabled,
}: {
  id: string;
  list: L;
  value: CodeOf<L> | null;
  onChange: (code: CodeOf<L> | null) => void;
  /** With it, the value may be cleared (the "—" choice); without it, the field always has a value. */
  emptyLabel?: string;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const [query, setQuery] = useState<string | null>(null);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  // Completing the code typed is skipped right after a deletion, so Backspace can erase.
  const [complete, setComplete] = useState(true);
  const input = useRef<HTMLInputElement>(null);
  const listId = `${id}-options`;

  const options = useMemo((): CodeEntry[] => {
    if (!open) return [];
    const found = ranked(list, query ?? '').slice(0, SHOWN);
    return emptyLabel !== undefined && value !== null && !query ? [{ code: '', label: emptyLabel }, ...found] : found;
  }, [open, list, query, emptyLabel, value]);
  const activeEntry = options[Math.min(active, options.length - 1)];
  const activeId = open && activeEntry ? `${id}-opt-${activeEntry.code || 'none'}` : undefined;

  // The best match's code, when the typed text is its start: shown whole, the rest selected.
  const completion = complete && query && activeEntry?.code && active === 0 && foldText(activeEntry.code).startsWith(foldText(query)) ? activeEntry.code : null;
  const text = query === null ? (value ?? '') : completion ? query + completion.slice(query.length) : query;
  useLayoutEffect(() => {
    if (completion && query && document.activeElement === input.current) input.current?.setSelectionRange(query.length, completion.length);
  }, [completion, query]);
  useEffect(() => {
    if (activeId) document.getElementById(activeId)?.scrollIntoView?.({ block: 'nearest' });
  }, [activeId]);

  const close = () => {
    setOpen(false);
    setQuery(null);
  };
  const choose = (entry: CodeEntry | undefined) => {
    close();
    if (!entry) return;
    const code = entry.code === '' ? null : (entry.code as CodeOf<L>);
    if (code === value) return;
    if (code !== null) rememberCode(list, code);
    onChange(code);
  };
  const openAtValue = () => {
    setOpen(true);
    setComplete(false);
    // The list opens on the current value, so ↓ then Entrée keeps it.
    const offset = emptyLabel !== undefined && value !== null ? 1 : 0;
    setActive(value === null ? 0 : Math.max(0, ranked(list, '').findIndex((e) => e.code === value)) + offset);
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'Enter' && e.ctrlKey && open && query) {
      // Ctrl+Entrée signs the form around: the words typed choose first, then the form sees the
      // key again once the choice is on screen.
      e.preventDefault();
      e.stopPropagation();
      choose(activeEntry);
      const target = e.currentTarget;
      requestAnimationFrame(() => target.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', ctrlKey: true, bubbles: true })));
      return;
    }
    if (e.ctrlKey || e.altKey || e.metaKey) return;
    if (e.key === 'ArrowDown') {
      e.preventDefault();
      if (!open) openAtValue();
      else setActive((i) => Math.min(i + 1, options.length - 1));
    } else if (e.key === 'ArrowUp' && open) {
      e.preventDefault();
      setActive((i) => Math.max(i - 1, 0));
    } else if (e.key === 'Enter' && open) {
      // The form around (a patient saved on Entrée) must not see the Entrée that chose.
      e.preventDefault();
      e.stopPropagation();
      choose(activeEntry);
    } else if (e.key === 'Escape' && open) {
      e.preventDefault();
      e.stopPropagation();
      close();
    } else if (e.key === 'Tab' && open && query) {
      // Typed words then Tab: the best match is the choice, as a select's type-ahead was.
      choose(activeEntry);
    }
  };

  const label = value === null ? null : shownLabel(officialLabel(list, value) ?? '');
  return (
    <span className="code-picker">
      <input
        ref={input}
        id={id}
        type="text"
        role="combobox"
        autoComplete="off"
        spellCheck={false}
        aria-autocomplete="both"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={activeId}
        aria-describedby={`${id}-label`}
        data-code={value ?? ''}
        placeholder={emptyLabel ?? ''}
        disabled={disabled}
        value={text}
        onFocus={(e) => e.currentTarget.select()}
        onBlur={close}
        onChange={(e) => {
          setComplete(!(e.nativeEvent as InputEvent).inputType?.startsWith('delete'));
          setQuery(e.target.value);
          setOpen(true);
          setActive(0);
        }}
        onKeyDown={onKeyDown}
      />
      <span id={`${id}-label`} className="code-current" data-testid={`${id}-label`}>
        {label ?? ''}
      </span>
      {open && (
        <ul id={listId} role="listbox" aria-label={t('codes.choices')} className="code-options">
          {options.length === 0 && <li className="field-hint">{t('codes.none')}</li>}
          {options.map((entry) => (
            <li key={entry.code || 'none'} id={`${id}-opt-${entry.code || 'none'}`} role="option" aria-selected={entry === activeEntry} className={entry === activeEntry ? 'active' : undefined}>
              {entry.code ? (
                <>
                  <span className="code-label">{shownLabel(entry.label)}</span> <span className="code-code">{entry.code}</span>
                </>
              ) : (
                entry.label
              )}
            </li>
          ))}
        </ul>
      )}
    </span>
  );
}
