import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { displayPhone } from '../../../shared/domain/phone';
import { formatDateTime } from '../../../shared/domain/siteTime';
import { useListKeys } from '../hooks/useListKeys';
import { useReturnFocus } from '../hooks/useReturnFocus';
import { useCallStore } from '../stores/callStore';
import { usePhoneStore } from '../stores/phoneStore';
import { useStatusStore } from '../stores/statusStore';

/**
 * Alt+Maj+L: the post's calls, newest first, from the journal's call events (so it is there
 * after a restart and with the softphone down); ↓ ↑ choose, Entrée calls the number back.
 */
export function CallHistoryOverlay({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const timeZone = useStatusStore((s) => s.workstation?.timeZone ?? 'Europe/Paris');
  const history = usePhoneStore((s) => s.history);
  const error = useCallStore((s) => s.error);
  // The dialog takes the focus until the journal has answered, then the list does.
  const dialog = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const loaded = history.length > 0;
  const { active, onKeyDown } = useListKeys(history.length, {
    close: onClose,
    choose: (index) => {
      const number = displayPhone(history[index]?.remoteNumber);
      if (number) void usePhoneStore.getState().dial(number);
    },
  });
  useReturnFocus();
  useEffect(() => (loaded ? list.current : dialog.current)?.focus(), [loaded]);

  return (
    <div className="overlay">
      <div
        ref={dialog}
        tabIndex={-1}
        role="dialog"
        aria-modal="true"
        aria-labelledby="history-title"
        className="palette history-overlay"
        data-testid="call-history"
        onKeyDown={onKeyDown}
      >
        <h2 id="history-title">{t('phone.historyTitle')}</h2>
        <p className={error ? 'field-error' : 'field-hint'} aria-live="polite">
          {error ? t(`errors.${error.code}`, { field: '—' }) : t('phone.historyHint')}
        </p>
        {history.length === 0 ? (
          <p className="muted">{t('phone.historyEmpty')}</p>
        ) : (
          <ul
            ref={list}
            tabIndex={0}
            role="listbox"
            aria-labelledby="history-title"
            aria-activedescendant={history[active] ? `history-${history[active].id}` : undefined}
            data-testid="call-history-list"
          >
            {history.map((call, i) => (
              <li key={call.id} id={`history-${call.id}`} role="option" aria-selected={i === active} className={i === active ? 'active' : undefined}>
                <span>{formatDateTime(new Date(call.presentedAt), timeZone, i18n.language)}</span> · <span>{t(call.direction === 'inbound' ? 'phone.inbound' : 'phone.outbound')}</span> ·{' '}
                <span>{call.remoteNumber ? displayPhone(call.remoteNumber) : t('phone.withheld')}</span> · <span>{call.outcome ? t(`phone.outcomes.${call.outcome}`) : t('phone.underway')}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}
