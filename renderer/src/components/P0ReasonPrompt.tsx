import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { P0_REASON_MAX, P0_REASON_MIN } from '../../../shared/domain/p0Call';
import { useReturnFocus } from '../hooks/useReturnFocus';
import { useCallStore, type P0Prompt } from '../stores/callStore';

/**
 * A P0 call refused a hold, a hang-up or a blind transfer (DOMAIN §8.1): the ARM either goes back
 * (Échap: the call stays up) or types why, which is journaled with the step.
 */
export function P0ReasonPrompt({ prompt }: { prompt: P0Prompt }) {
  const { t } = useTranslation();
  const [reason, setReason] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useReturnFocus();
  useEffect(() => input.current?.focus(), []);
  const close = () => useCallStore.getState().closeP0Prompt();

  return (
    <div className="overlay">
      <div role="alertdialog" aria-modal="true" aria-labelledby="p0-title" aria-describedby="p0-explain" className="palette p0-prompt" data-testid="p0-prompt">
        <h2 id="p0-title">{t('phone.p0Title')}</h2>
        <p id="p0-explain">{t('phone.p0Explain', { action: t(`phone.p0Actions.${prompt.action}`) })}</p>
        <input
          ref={input}
          type="text"
          aria-label={t('phone.p0Field')}
          placeholder={t('phone.p0Field')}
          maxLength={P0_REASON_MAX}
          value={reason}
          data-testid="p0-reason"
          aria-invalid={tooShort}
          aria-describedby="p0-message"
          onChange={(e) => {
            setReason(e.target.value);
            setTooShort(false);
          }}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.preventDefault();
              close();
            } else if (e.key === 'Enter') {
              e.preventDefault();
              if (reason.trim().length < P0_REASON_MIN) setTooShort(true);
              else void useCallStore.getState().answerP0Prompt(reason);
            }
          }}
        />
        <p id="p0-message" className={tooShort ? 'field-error' : 'field-hint'} aria-live="polite">
          {tooShort ? t('phone.p0TooShort') : t('phone.p0Hint')}
        </p>
      </div>
    </div>
  );
}
