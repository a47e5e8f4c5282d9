import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatTime } from '../../../shared/domain/siteTime';
import { FOCUS, focusById } from '../focus/focusTargets';
import { useDraftStore } from '../stores/draftStore';
import { useStatusStore } from '../stores/statusStore';
import { useUiStore } from '../stores/uiStore';
import { OverlayPanel } from './OverlayPanel';

/**
 * Maj+F2: the unsaved drafts put aside, newest first. ↓ ↑ move, Entrée resumes one (the draft on
 * screen, if unsaved, takes its place in the tray), Suppr asks before throwing one away — Entrée
 * confirms, Échap keeps it.
 */
export function DraftTray({ onClose }: { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const tray = useDraftStore((s) => s.tray);
  const zone = useStatusStore((s) => s.workstation?.timeZone ?? 'Europe/Paris');
  const [active, setActive] = useState(0);
  const [confirming, setConfirming] = useState<string | null>(null);
  const list = useRef<HTMLUListElement>(null);
  const discard = useRef<HTMLButtonElement>(null);
  const current = tray[Math.min(active, tray.length - 1)];

  // After the panel's own focus on its body: the list is where the keys work.
  useEffect(() => {
    const frame = requestAnimationFrame(() => (confirming ? discard.current : list.current)?.focus());
    return () => cancelAnimationFrame(frame);
  }, [confirming]);

  const resume = (id: string) => {
    useDraftStore.getState().resumeDraft(id);
    onClose();
    useUiStore.getState().setView('calls');
    focusById(FOCUS.callerPhone);
  };
  const onListKeys = (e: React.KeyboardEvent) => {
    if (e.key === 'ArrowDown') setActive(Math.min(active + 1, tray.length - 1));
    else if (e.key === 'ArrowUp') setActive(Math.max(active - 1, 0));
    else if (e.key === 'Enter' && current) resume(current.id);
    else if (e.key === 'Delete' && current) setConfirming(current.id);
    else return;
    e.preventDefault();
  };

  return (
    <OverlayPanel title={t('drafts.title')} titleId="drafts-title" testId="draft-tray" onClose={onClose} closeLabel={t('drafts.close')}>
      <p className="field-hint">{tray.length === 0 ? t('drafts.empty') : t('drafts.hint')}</p>
      {tray.length > 0 && (
        <ul ref={list} role="listbox" tabIndex={0} aria-label={t('drafts.title')} aria-activedescendant={current ? `tray-${current.id}` : undefined} className="draft-list" onKeyDown={onListKeys}>
          {tray.map((entry) => (
            <li key={entry.id} id={`tray-${entry.id}`} role="option" aria-selected={entry === current} className={entry === current ? 'active' : undefined}>
              <span>{formatTime(new Date(entry.asideAt), zone, i18n.language).slice(0, 5)}</span> · <span>{entry.draft.callerPhone || t('queue.hiddenNumber')}</span> · <span>{entry.draft.motive || '—'}</span>
              {entry.draft.priority && <> · <span>{entry.draft.priority}</span></>}
            </li>
          ))}
        </ul>
      )}
      {confirming && (
        <div
          className="draft-confirm"
          role="group"
          aria-labelledby="draft-confirm-text"
          onKeyDown={(e) => {
            // Échap here keeps the draft; it must not close the tray as well.
            if (e.key === 'Escape') {
              e.preventDefault();
              e.stopPropagation();
              setConfirming(null);
            }
          }}
        >
          <p id="draft-confirm-text" role="alert">
            {t('drafts.confirm', { phone: tray.find((d) => d.id === confirming)?.draft.callerPhone || t('queue.hiddenNumber') })}
          </p>
          <button
            ref={discard}
            type="button"
            onClick={() => {
              useDraftStore.getState().discardDraft(confirming);
              setConfirming(null);
              setActive(0);
            }}
          >
            {t('drafts.discard')}
          </button>{' '}
          <button type="button" onClick={() => setConfirming(null)}>
            {t('drafts.keep')}
          </button>
        </div>
      )}
    </OverlayPanel>
  );
}
