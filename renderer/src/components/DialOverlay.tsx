import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseDialInput } from '../../../shared/domain/phone';
import type { ApiError } from '../../../shared/api/envelope';
import { reportError } from '../api/reportError';
import { useListKeys } from '../hooks/useListKeys';
import { useReturnFocus } from '../hooks/useReturnFocus';
import { usePhoneStore, type DialRefusal } from '../stores/phoneStore';

/**
 * Alt+Maj+N: dial any number from the keyboard. The field says at once what it refuses (letters),
 * and on Entrée what it cannot dial; below it, the post's directory (IT's frequent numbers):
 * ↓ ↑ choose, Entrée on an empty field calls the chosen one.
 */
export function DialOverlay({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const directory = usePhoneStore((s) => s.directory);
  const [text, setText] = useState('');
  const [refusal, setRefusal] = useState<DialRefusal | ApiError | null>(null);
  const input = useRef<HTMLInputElement>(null);
  useReturnFocus();
  useEffect(() => input.current?.focus(), []);

  const dial = async (what: string) => {
    const result = await usePhoneStore.getState().dial(what);
    setRefusal(result);
    if (result !== null) input.current?.focus();
  };
  const { active, onKeyDown } = useListKeys(directory.length, {
    close: onClose,
    choose: (index) => void dial(directory[index]!.number),
  });
  // Letters are refused as they are typed; the rest is judged when the ARM dials.
  const live = parseDialInput(text);
  const shown: DialRefusal | ApiError | null = !live.ok && live.reason === 'letters' ? 'letters' : refusal;
  const message = shown === null ? null : typeof shown === 'string' ? t(`phone.reasons.${shown}`) : reportError(shown, t);

  return (
    <div className="overlay">
      <div role="dialog" aria-modal="true" aria-labelledby="dial-title" className="palette dial-overlay" data-testid="dial-overlay">
        <h2 id="dial-title">{t('phone.dialTitle')}</h2>
        <input
          ref={input}
          type="tel"
          aria-label={t('phone.dialField')}
          placeholder={t('phone.dialField')}
          value={text}
          data-testid="dial-field"
          // A combobox only when there is a directory list to control (axe: no reference to a missing id).
          role={directory.length > 0 ? 'combobox' : undefined}
          aria-expanded={directory.length > 0 ? true : undefined}
          aria-controls={directory.length > 0 ? 'directory-list' : undefined}
          aria-invalid={message !== null}
          aria-describedby="dial-message"
          aria-activedescendant={directory[active] ? `directory-${active}` : undefined}
          onChange={(e) => {
            setText(e.target.value);
            setRefusal(null);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && text.trim() !== '') {
              e.preventDefault();
              void dial(text);
              return;
            }
            onKeyDown(e);
          }}
        />
        <p id="dial-message" className={message ? 'field-error' : 'field-hint'} aria-live="polite" data-testid="dial-message">
          {message ?? t('phone.dialHint')}
        </p>
        <h3 id="directory-title">{t('phone.directory')}</h3>
        {directory.length === 0 ? (
          <p className="muted">{t('phone.directoryEmpty')}</p>
        ) : (
          <ul id="directory-list" role="listbox" aria-labelledby="directory-title" data-testid="directory-list">
            {directory.map((entry, i) => (
              <li key={`${entry.number}-${i}`} id={`directory-${i}`} role="option" aria-selected={i === active} className={i === active ? 'active' : undefined}>
                <span>{entry.label}</span> · <span>{t(`phone.kinds.${entry.kind}`)}</span> · <span>{entry.number}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
