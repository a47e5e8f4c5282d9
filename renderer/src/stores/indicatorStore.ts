import type { TFunction } from 'i18next';
import { create } from 'zustand';
import type { ResponseOf } from '../../../shared/api/contract';
import type { ApiError } from '../../../shared/api/envelope';
import type { Granularity } from '../../../shared/domain/indicators/periods';
import { indicatorsCsv } from '../../../shared/domain/indicators/csv';
import { backend } from '../api/backend';
import { reportError } from '../api/reportError';

type Report = ResponseOf<'indicators:report'>;

interface IndicatorState {
  from: string;
  to: string;
  granularity: Granularity;
  report: Report | null;
  error: ApiError | null;
  status: string;
  setPeriod(period: Partial<Pick<IndicatorState, 'from' | 'to' | 'granularity'>>): void;
  load(): Promise<void>;
  /** The CSV file name, once handed to the browser (download) — null when there was nothing to export. */
  exportCsv(): string | null;
  print(): Promise<{ path: string | null } | 'printed' | ApiError>;
  setStatus(status: string): void;
}

/** The site's today as YYYY-MM-DD. */
export function siteToday(timeZone: string, now = Date.now()): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
}

export const useIndicatorStore = create<IndicatorState>((set, get) => ({
  from: '',
  to: '',
  granularity: 'hour',
  report: null,
  error: null,
  status: '',
  setPeriod: (period) => set(period),
  setStatus: (status) => set({ status }),
  load: async () => {
    const { from, to, granularity } = get();
    if (!from || !to) return;
    const r = await backend.indicatorReport({ from, to, granularity });
    if (r.ok) set({ report: r.value, error: null });
    else set({ error: r.error });
  },
  exportCsv: () => {
    const report = get().report;
    if (!report) return null;
    const csv = indicatorsCsv({ from: report.from, to: report.to, timeZone: report.timeZone, indicators: report.indicators, series: report.series });
    const file = `indicateurs-${report.from}-${report.to}.csv`;
    // A download of a Blob: the browser (or Electron's download handler) asks where to save it.
    const url = URL.createObjectURL(new Blob([csv], { type: 'text/csv;charset=utf-8' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = file;
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    return file;
  },
  print: async () => {
    const { from, to } = get();
    const r = await backend.saveIndicatorReportPdf({ from, to });
    if (r.ok) return r.value;
    // In the browser harness the page is printed (print styles keep the tables only).
    if (r.error.code === 'E_UNAVAILABLE') {
      window.print();
      return 'printed';
    }
    return r.error;
  },
}));

/** The CSV of the period shown (the command and the button). */
export function exportIndicatorsCsv(t: TFunction): void {
  const store = useIndicatorStore.getState();
  const file = store.exportCsv();
  if (file) store.setStatus(t('indicators.exported', { file }));
}

/** The A4 report: a PDF in Electron, the printed page in a browser. */
export async function printIndicatorReport(t: TFunction): Promise<void> {
  const store = useIndicatorStore.getState();
  const result = await store.print();
  if (result === 'printed') return;
  if ('code' in result) return store.setStatus(reportError(result, t));
  store.setStatus(result.path === null ? t('indicators.cancelled') : t('indicators.savedPdf', { path: result.path }));
}
