import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/api/envelope';
import type { ResponseOf } from '../../../shared/api/contract';
import { backend } from '../api/backend';
import { reportError } from '../api/reportError';
import { OverlayPanel } from './OverlayPanel';

type Preview = ResponseOf<'dossier:sharePreview'>;

/**
 * "Partager avec…" (issue 13 §6): nothing of a dossier leaves the room before a person chooses
 * the partner here, having seen what goes (the fields, what never goes, the message itself).
 * ↑ ↓ choose the partner, Entrée shares (journaled), Échap closes without sharing.
 */
export function ShareOverlay({ dossierId, onClose, onShared }: { dossierId: string; onClose: () => void; onShared?: () => void }) {
  const { t } = useTranslation();
  const [preview, setPreview] = useState<Preview | null>(null);
  const [active, setActive] = useState(0);
  const [error, setError] = useState<ApiError | null>(null);
  const [done, setDone] = useState<string | null>(null);
  useEffect(() => {
    void backend.dossierSharePreview({ dossierId }).then((r) => (r.ok ? setPreview(r.value) : setError(r.error)));
  }, [dossierId]);
  const closed = preview !== null && (preview.sharedWith !== null || preview.receivedFrom !== null);
  const partner = preview?.partners[active]?.clientId ?? null;
  const share = () => {
    if (!partner || closed || done) return;
    void backend.shareDossier({ dossierId, partner }).then((r) => {
      if (!r.ok) return setError(r.error);
      setError(null);
      setDone(partner);
      onShared?.();
    });
  };
  return (
    <OverlayPanel
      wide
      title={t('share.title')}
      titleId="share-title"
      testId="share"
      onClose={onClose}
      closeLabel={t('share.close')}
      onKeyDown={(e) => {
        if (!preview || e.altKey || e.ctrlKey || e.metaKey) return;
        const count = preview.partners.length;
        if (e.key === 'ArrowDown' && count > 0) {
          e.preventDefault();
          setActive((i) => (i + 1) % count);
        } else if (e.key === 'ArrowUp' && count > 0) {
          e.preventDefault();
          setActive((i) => (i - 1 + count) % count);
        } else if (e.key === 'Enter') {
          e.preventDefault();
          share();
        }
      }}
    >
      {error && (
        <p role="alert" className="field-error" data-testid="share-error">
          {reportError(error, t)}
        </p>
      )}
      {done && (
        <p role="status" className="save-saved" data-testid="share-status">
          {t('share.done', { partner: done })}
        </p>
      )}
      {preview && preview.receivedFrom && <p data-testid="share-status">{t('share.received', { partner: preview.receivedFrom })}</p>}
      {preview && preview.sharedWith && !done && <p data-testid="share-status">{t('share.already', { partner: preview.sharedWith })}</p>}
      {preview && !closed && !done && (
        <>
          {preview.partners.length === 0 ? (
            <p data-testid="share-status">{t('share.noPartner')}</p>
          ) : (
            <>
              <p className="field-hint">{t('share.hint')}</p>
              <ul role="listbox" aria-label={t('share.partners')} data-testid="share-partners" aria-activedescendant={partner ? `share-${active}` : undefined}>
                {preview.partners.map((p, i) => (
                  <li key={p.clientId} id={`share-${i}`} role="option" aria-selected={i === active} className={i === active ? 'active' : undefined}>
                    {p.clientId} — {p.filieres.join(', ')}
                    {p.suggested && ` (${t('share.suggested')})`}
                  </li>
                ))}
              </ul>
            </>
          )}
        </>
      )}
      {preview && (
        <>
          <h3>{t('share.sent')}</h3>
          <ul data-testid="share-fields">
            {preview.fields.map((f) => (
              <li key={f}>{t(`share.fields.${f}` as 'share.fields.caseId')}</li>
            ))}
          </ul>
          <h3>{t('share.never')}</h3>
          <ul data-testid="share-never">
            {preview.neverShared.map((f) => (
              <li key={f}>{t(`share.fields.${f}` as 'share.fields.caseId')}</li>
            ))}
          </ul>
          <h3>{t('share.message')}</h3>
          <pre className="share-message" data-testid="share-message">
            {JSON.stringify(preview.message, null, 2)}
          </pre>
        </>
      )}
    </OverlayPanel>
  );
}
