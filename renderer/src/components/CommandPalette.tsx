import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Command } from '../commands/command';
import { useListKeys } from '../hooks/useListKeys';
import { useReturnFocus } from '../hooks/useReturnFocus';
import { commandLabel } from '../i18n';
import { Kbd } from './Kbd';
import { ensureFocus } from '../focus/focusTargets';
import { useUiStore } from '../stores/uiStore';

const fold = (text: string) => text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase();

/** Ctrl+K: every command, searchable, runnable with Enter; Escape gives focus back. */
export function CommandPalette({ commands, onClose }: { commands: readonly Command[]; onClose: () => void }) {
  const { t } = useTranslation();
  const [query, setQuery] = useState('');
  const input = useRef<HTMLInputElement>(null);

  const visible = useMemo(() => {
    const words = fold(query).split(/\s+/).filter(Boolean);
    return commands.filter((c) => {
      if (!(c.enabled?.() ?? true)) return false;
      const label = fold(commandLabel(t, c));
      return words.every((w) => label.includes(w));
    });
  }, [commands, query, t]);

  useReturnFocus();
  useEffect(() => input.current?.focus(), []);

  const { active, reset, onKeyDown } = useListKeys(visible.length, {
    close: onClose,
    choose: (index) => {
      onClose();
      visible[index]?.run();
      // A command that moves nothing, or removed what had the focus: the view's working element.
      ensureFocus(() => useUiStore.getState().view);
    },
  });

  return (
    <div className="overlay">
      <div role="dialog" aria-modal="true" aria-label={t('palette.title')} className="palette" onKeyDown={onKeyDown}>
        <input
          ref={input}
          type="text"
          aria-label={t('palette.search')}
          placeholder={t('palette.search')}
          value={query}
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-list"
          aria-activedescendant={visible[active] ? `palette-${visible[active].id}` : undefined}
          onChange={(e) => {
            setQuery(e.target.value);
            reset();
          }}
        />
        <ul id="palette-list" role="listbox" aria-label={t('palette.title')}>
          {visible.length === 0 && <li className="palette-empty">{t('palette.empty')}</li>}
          {visible.map((c, i) => (
            <li key={c.id} id={`palette-${c.id}`} role="option" aria-selected={i === active} className={i === active ? 'active' : undefined}>
              <span>{commandLabel(t, c)}</span>
              <Kbd shortcut={c.shortcut} />
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}
