import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../shared/api/contract';
import type { ApiError } from '../../../shared/api/envelope';
import { visibleText } from '../../../shared/domain/hub/visibleText';
import { formatDateTime } from '../../../shared/domain/siteTime';
import { backend } from '../api/backend';
import { reportError } from '../api/reportError';
import { useStatusStore } from '../stores/statusStore';
import { FOCUS } from '../focus/focusTargets';


type Problems = ResponseOf<'hub:inboxProblems'>;

/**
 * The supervisor's view of what the Hub Santé inbox refused (unreadable, unexpected, invalid):
 * when, from whom, which code, why, and the start of the message as received. ↓ ↑ go through it.
 * Everything here was written by whoever sent the message: control and bidi characters are shown
 * as what they are (␀, ⟨U+202E⟩), never obeyed, so the text cannot hide or reorder itself.
 */
export function HubProblems() {
  const { t, i18n } = useTranslation();
  const timeZone = useStatusStore((s) => s.workstation?.timeZone ?? 'Europe/Paris');
  const [problems, setProblems] = useState<Problems | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [selected, setSelected] = useState(0);
  useEffect(() => {
    let live = true;
    const load = () =>
      void backend.hubInboxProblems({ limit: 200 }).then((r) => {
        if (!live) return;
        if (r.ok) {
          setProblems(r.value);
          setError(null);
        } else setError(r.error);
      });
    load();
    const off = backend.onHubStatus(() => load());
    return () => {
      live = false;
      off();
    };
  }, []);
  const messages = problems?.messages ?? [];
  const current = messages[Math.min(selected, messages.length - 1)];
  return (
    <section className="hub-problems" data-testid="hub-problems" aria-label={t('hubProblems.title')}>
      <h2>{t('hubProblems.title')}</h2>
      {problems && <p className="field-hint">{t('hubProblems.total', { count: problems.total, shown: messages.length })}</p>}
      <ol
        id={FOCUS.hubProblems}
        tabIndex={0}
        role="listbox"
        aria-label={t('hubProblems.title')}
        aria-activedescendant={current ? `hub-problem-${current.id}` : undefined}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setSelected((i) => Math.min(i + 1, messages.length - 1));
          else if (e.key === 'ArrowUp') setSelected((i) => Math.max(i - 1, 0));
          else return;
          e.preventDefault();
        }}
      >
        {messages.length === 0 && <li>{t('hubProblems.empty')}</li>}
        {messages.map((m) => (
          <li key={m.id} id={`hub-problem-${m.id}`} role="option" aria-selected={m === current} className={m === current ? 'active' : undefined} data-testid="hub-problem">
            <strong>{formatDateTime(new Date(m.receivedAt), timeZone, i18n.language)}</strong> — {t('hubProblems.sender', { sender: m.senderId === null ? t('hubProblems.unknownSender') : visibleText(m.senderId) })} — {m.kind ?? '?'} — {t('hubProblems.code', { code: m.errorCode ?? '—' })} — {visibleText(m.problem)}
            {m === current && (
              <pre className="hub-problem-excerpt" data-testid="hub-problem-excerpt">
                {visibleText(m.excerpt)}
              </pre>
            )}
          </li>
        ))}
      </ol>
      <p role="status">{error ? reportError(error, t) : ''}</p>
    </section>
  );
}
