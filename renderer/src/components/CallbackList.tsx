import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { ATTEMPT_OUTCOMES } from '../../../shared/domain/callbacks';
import { formatTime } from '../../../shared/domain/siteTime';
import { reportError } from '../api/reportError';
import { useCallbackStore } from '../stores/callbackStore';
import { useStatusStore } from '../stores/statusStore';
import { FOCUS } from '../focus/focusTargets';


/**
 * Lost calls, deferred regulations and requested call-backs: age, deadline, attempts. ↓ ↑ choose
 * one; 1 to 5 record the outcome of the attempt just made (journaled; the list follows).
 */
export function CallbackList() {
  const { t, i18n } = useTranslation();
  const timeZone = useStatusStore((s) => s.workstation?.timeZone ?? 'Europe/Paris');
  const { entries, error, load, record, selected, select, dialSelected } = useCallbackStore();
  useEffect(() => void load(), [load]);
  const current = entries[Math.min(selected, entries.length - 1)];
  return (
    <section className="callbacks" data-testid="callbacks">
      <h2>{t('callbacks.title')}</h2>
      <p className="field-hint">
        {t('callbacks.dialHint')} · {ATTEMPT_OUTCOMES.map((o, i) => `${i + 1} ${t(`callbacks.outcomes.${o}`)}`).join(' · ')}
      </p>
      <ol
        id={FOCUS.callbacks}
        className="callback-list"
        tabIndex={0}
        data-testid="callback-list"
        aria-activedescendant={current ? `callback-${current.id}` : undefined}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') select(selected + 1);
          else if (e.key === 'ArrowUp') select(selected - 1);
          else if (e.key === 'Enter' && current) void dialSelected();
          else if (/^[1-5]$/.test(e.key) && current) void record(current.id, ATTEMPT_OUTCOMES[Number(e.key) - 1]!);
          else return;
          e.preventDefault();
        }}
      >
        {entries.length === 0 && <li>{t('callbacks.empty')}</li>}
        {entries.map((c) => (
          <li key={c.id} id={`callback-${c.id}`} data-testid="callback-row" className={`${c.late ? 'overdue' : ''}${c === current ? ' selected' : ''}`} aria-selected={c === current}>
            {c.late && <strong className="late">{t('callbacks.late')} </strong>}
            {t(`callbacks.kinds.${c.kind}`)} — {c.phone ?? '—'} — {t('callbacks.age', { minutes: String(c.ageMinutes) })}
            {c.dueAt && <> — {t('callbacks.due', { time: formatTime(new Date(c.dueAt), timeZone, i18n.language).slice(0, 5) })}</>}
            {c.escalatedAt && <> — {t('callbacks.escalated')}</>} — {t('callbacks.attempts', { count: c.attempts.length })}
            {c.attempts.length > 0 && <> ({c.attempts.map((a) => t(`callbacks.outcomes.${a.outcome}`)).join(', ')})</>}
            {c.claim && <> — <strong data-testid="callback-claim">{t('callbacks.claimed', { role: c.claim.actorRole, time: formatTime(new Date(c.claim.at), timeZone, i18n.language).slice(0, 5) })}</strong></>}
          </li>
        ))}
      </ol>
      {error && <p role="alert">{reportError(error, t)}</p>}
    </section>
  );
}
