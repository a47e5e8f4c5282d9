import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { reportError } from '../api/reportError';
import { useCallbackStore } from '../stores/osnpStore';

export const CALLBACKS_FOCUS = 'callback-list';

/** Lost calls, deferred regulations and requested call-backs: age, deadline, attempts. */
export function CallbackList() {
  const { t } = useTranslation();
  const { entries, error, load } = useCallbackStore();
  useEffect(() => void load(), [load]);
  return (
    <section className="callbacks" data-testid="callbacks">
      <h2>{t('callbacks.title')}</h2>
      <ol id={CALLBACKS_FOCUS} className="callback-list" tabIndex={0} data-testid="callback-list">
        {entries.length === 0 && <li>{t('callbacks.empty')}</li>}
        {entries.map((c) => (
          <li key={c.id} data-testid="callback-row" className={c.late ? 'overdue' : ''}>
            {c.late && <strong className="late">{t('callbacks.late')} </strong>}
            {t(`callbacks.kinds.${c.kind}`)} — {c.phone ?? '—'} — {t('callbacks.age', { minutes: String(c.ageMinutes) })}
            {c.dueAt && <> — {t('callbacks.due', { time: c.dueAt.slice(11, 16) })}</>}
            {c.escalatedAt && <> — {t('callbacks.escalated')}</>} — {t('callbacks.attempts', { count: c.attempts.length })}
            {c.attempts.length > 0 && <> ({c.attempts.map((a) => t(`callbacks.outcomes.${a.outcome}`)).join(', ')})</>}
          </li>
        ))}
      </ol>
      {error && <p role="alert">{reportError(error, t)}</p>}
    </section>
  );
}
