import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ApiError } from '../../../shared/api/envelope';
import { backend } from '../api/backend';
import { reportError } from '../api/reportError';
import { OverlayPanel } from './OverlayPanel';

/**
 * The dossier's report as the services built it (every value escaped there). Only its
 * <article> is shown, parsed as an inert document first: no script of any kind comes along,
 * and the CSP would refuse one anyway. Ctrl+P prints it (print styles show the report only).
 */
export function ReportOverlay({ dossierId, onClose }: { dossierId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [html, setHtml] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);
  const [status, setStatus] = useState('');
  // In Electron the main process prints the report to a PDF where the user chooses; elsewhere
  // (the harness in a browser) the channel answers E_UNAVAILABLE and the page is printed.
  const print = () => {
    void backend.saveReportPdf({ dossierId }).then((r) => {
      if (r.ok) return setStatus(r.value.path === null ? t('report.cancelled') : t('report.savedPdf', { path: r.value.path }));
      if (r.error.code === 'E_UNAVAILABLE') return window.print();
      setError(r.error);
    });
  };
  useEffect(() => {
    void backend.dossierReport({ dossierId }).then((r) => {
      if (!r.ok) return setError(r.error);
      const doc = new DOMParser().parseFromString(r.value.html, 'text/html');
      doc.querySelectorAll('script').forEach((s) => s.remove());
      setHtml(doc.querySelector('article')?.outerHTML ?? '');
    });
  }, [dossierId]);
  return (
    <OverlayPanel
      wide
      title={t('report.title')}
      titleId="report-title"
      testId="report"
      onClose={onClose}
      closeLabel={t('report.close')}
      closeId="report-close"
      onKeyDown={(e) => {
        if (e.code === 'KeyP' && e.ctrlKey && !e.altKey && !e.shiftKey) {
          e.preventDefault();
          e.stopPropagation();
          print();
        }
      }}
      actions={
        <>
          <span role="status" data-testid="report-status">{status}</span>
          <button type="button" data-testid="report-print" onClick={print}>
            {t('report.print')}
          </button>
        </>
      }
    >
      {error && <p role="alert">{reportError(error, t)}</p>}
      {html !== null && <div className="report-body" data-testid="report-body" dangerouslySetInnerHTML={{ __html: html }} />}
    </OverlayPanel>
  );
}
