import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../shared/api/contract';
import type { ApiError } from '../../../shared/api/envelope';
import { backend } from '../api/backend';
import { reportError } from '../api/reportError';
import { OverlayPanel } from './OverlayPanel';
import { useStatusStore } from '../stores/statusStore';
import { hourMinute, roomHubTexts } from './RoomHubStatus';

/** The journal's health, checked when the panel opens (journal:status, incremental chain check). */
export function DiagnosticsPanel({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const [status, setStatus] = useState<ResponseOf<'journal:status'> | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const hub = useStatusStore((s) => s.hub);
  const zone = useStatusStore((s) => s.workstation?.timeZone ?? 'Europe/Paris');
  const { i18n } = useTranslation();
  // In a room, the top bar's compact Hub state said in full (its text on demand).
  const roomHub = hub?.room ? roomHubTexts(hub, t, hourMinute(zone, i18n.language)).full : [];
  useEffect(() => {
    void backend.journalStatus().then((r) => (r.ok ? setStatus(r.value) : setError(r.error)));
  }, []);
  return (
    <OverlayPanel title={t('diagnostics.title')} titleId="diagnostics-title" testId="diagnostics" onClose={onClose} closeLabel={t('diagnostics.close')} closeId="diagnostics-close">
      {error && <p role="alert">{reportError(error, t)}</p>}
      {status && (
        <ul>
          <li>{t('diagnostics.path', { path: status.path })}</li>
          <li>{t('diagnostics.events', { events: String(status.events), lastSeq: String(status.lastSeq) })}</li>
          <li data-testid="diagnostics-chain" className={status.chainValid ? '' : 'bad'}>
            {status.chainValid ? t('diagnostics.chainOk') : t('diagnostics.chainBroken', { seq: String(status.brokenAt ?? '?'), problem: status.problem ?? '' })}
          </li>
          {/* In a room what waits is said by the Hub lines below, split between this desk and the site. */}
          {roomHub.length === 0 && <li>{status.pendingOutbox >= status.pendingOutboxCap ? t('journal.pendingMany', { count: status.pendingOutboxCap }) : t('diagnostics.outbox', { count: status.pendingOutbox })}</li>}
          {roomHub.map((text) => (
            <li key={text} data-testid="diagnostics-hub">
              {text}
            </li>
          ))}
        </ul>
      )}
    </OverlayPanel>
  );
}
