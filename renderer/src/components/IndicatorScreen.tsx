import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { GRANULARITIES, type Granularity } from '../../../shared/domain/indicators/periods';
import { frenchNumber } from '../../../shared/domain/indicators/csv';
import { isOfficialCode } from '../../../shared/domain/codes';
import { decisionInWords, decisionVocabulary } from '../../../shared/domain/decisionWords';
import { reportError } from '../api/reportError';
import { FOCUS } from '../focus/focusTargets';
import { exportIndicatorsCsv, printIndicatorReport, siteToday, useIndicatorStore } from '../stores/indicatorStore';
import { useStatusStore } from '../stores/statusStore';
import { IndicatorChart, type ChartSeries } from './IndicatorChart';

function shiftDay(day: string, days: number): string {
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * The supervisor's indicator screen: a period on the site clock (from, to, by hour/day/week/
 * month), four charts, and every figure in tables (what a screen reader reads: the charts are
 * hidden from it). Tab goes through the fields and buttons; Alt+Maj+E exports the CSV, Ctrl+P
 * the A4 report.
 */
export function IndicatorScreen() {
  const { t, i18n } = useTranslation();
  const words = decisionVocabulary(i18n.language);
  const timeZone = useStatusStore((s) => s.workstation?.timeZone ?? 'Europe/Paris');
  const { from, to, granularity, report, error, status, setPeriod, load } = useIndicatorStore();
  useEffect(() => {
    if (!from) {
      const today = siteToday(timeZone);
      setPeriod({ from: today, to: today, granularity: 'hour' });
    }
  }, [from, timeZone, setPeriod]);
  useEffect(() => {
    void load();
  }, [from, to, granularity, load]);
  const fr = i18n.language === 'fr';
  const num = (v: number | null, decimals = 0) => (v === null ? '—' : fr ? frenchNumber(v, decimals) : v.toFixed(decimals));
  const pct = (share: number | null) => (share === null ? '—' : `${num(share * 100, 1)} %`);
  const charts = useMemo(() => {
    if (!report) return null;
    const labels = report.series.map((b) => (report.granularity === 'hour' && report.from === report.to ? b.bucket.slice(11) + 'h' : b.bucket));
    const calls: ChartSeries[] = [
      { label: t('indicators.presented'), values: report.series.map((b) => b.presented), colour: '--accent', bars: true },
      { label: t('indicators.answered'), values: report.series.map((b) => b.answered), colour: '--ok' },
      { label: t('indicators.within60'), values: report.series.map((b) => b.answered60s), colour: '--p1' },
    ];
    const histogram = report.indicators.calls.ttaHistogram.slice(0, 121);
    const tta = { labels: histogram.map((_v, s) => `${s}`), series: [{ label: t('indicators.answered'), values: histogram, colour: '--accent', bars: true }] };
    const types = Object.keys(report.indicators.decisions.byType);
    const decisions = { labels: types.map((k) => (isOfficialCode('typeDecision', k) ? words.type[k] : k)), series: [{ label: t('indicators.dossiers'), values: types.map((k) => report.indicators.decisions.byType[k] ?? 0), colour: '--p3', bars: true }] };
    const snp = { labels, series: [{ label: t('indicators.snpRate'), values: report.series.map((b) => (b.snpOriented > 0 ? (100 * b.snpWithin48h) / b.snpOriented : 0)), colour: '--ok' }] };
    return { labels, calls, tta, decisions, snp };
  }, [report, t, words]);
  const today = siteToday(timeZone);
  const choose = (f: string, to2: string, g: Granularity) => setPeriod({ from: f, to: to2, granularity: g });
  const ind = report?.indicators;
  const rows: Array<[string, string]> = ind
    ? [
        [t('indicators.presented'), num(ind.calls.presented)],
        [t('indicators.answered'), num(ind.calls.answered)],
        [t('indicators.lost'), num(ind.calls.lost)],
        [t('indicators.abandoned'), num(ind.calls.abandoned)],
        [t('indicators.lostAfter15s'), num(ind.calls.lostAfter15s)],
        [t('indicators.within', { s: 15 }), `${num(ind.calls.within15s.count)} (${pct(ind.calls.within15s.share)})`],
        [t('indicators.within', { s: 30 }), `${num(ind.calls.within30s.count)} (${pct(ind.calls.within30s.share)})`],
        [t('indicators.within', { s: 60 }), `${num(ind.calls.within60s.count)} (${pct(ind.calls.within60s.share)})`],
        [t('indicators.tta'), `${num(ind.calls.ttaP50s)} s / ${num(ind.calls.ttaP90s)} s`],
        [t('indicators.lostCalls'), num(ind.callbacks.lostCalls)],
        [t('indicators.calledBack'), `${num(ind.callbacks.lostCalledBack.count)} (${pct(ind.callbacks.lostCalledBack.share)})`],
        [t('indicators.reached'), num(ind.callbacks.lostReached)],
        [t('indicators.callbackDelay'), `${num(ind.callbacks.callbackDelayP50Min)} min / ${num(ind.callbacks.callbackDelayP90Min)} min`],
        [t('indicators.deferred'), `${num(ind.callbacks.deferred)} (${num(ind.callbacks.deferredLate)})`],
        [t('indicators.dossiers'), num(ind.dossiers.total)],
        ...Object.entries(ind.dossiers.byOrigin).map(([key, v]): [string, string] => [t('indicators.byOrigin', { key }), num(v)]),
        ...Object.entries(ind.dossiers.byPriority).map(([key, v]): [string, string] => [t('indicators.byPriority', { key }), num(v)]),
        ...Object.entries(ind.dossiers.byBranch).map(([key, v]): [string, string] => [t('indicators.byBranch', { key }), num(v)]),
        ...ind.dossiers.waits.map((w): [string, string] => [t('indicators.wait', { queue: w.queue, priority: w.priority }), `${num(w.p50Min)} / ${num(w.p90Min)} min (${num(w.escalated)})`]),
        [t('indicators.regulation'), `${num(ind.dossiers.regulationP50Min)} min / ${num(ind.dossiers.regulationP90Min)} min`],
        ...Object.entries(ind.decisions.byType).map(([key, v]): [string, string] => [t('indicators.decision', { key: isOfficialCode('typeDecision', key) ? `${words.type[key]} (${key})` : key }), num(v)]),
        ...Object.entries(ind.decisions.interByResource).map(([key, v]): [string, string] => [t('indicators.decision', { key: isOfficialCode('typeRessource', key) ? `${decisionInWords({ type: 'INTER', resourceType: key }, words)} (INTER ${key})` : `INTER ${key}` }), num(v)]),
        ...Object.entries(ind.decisions.orientByOrientation).map(([key, v]): [string, string] => [t('indicators.decision', { key: isOfficialCode('typeOrientation', key) ? `${decisionInWords({ type: 'ORIENT', orientationType: key }, words)} (ORIENT ${key})` : `ORIENT ${key}` }), num(v)]),
        [t('indicators.snpOriented'), num(ind.snp.oriented)],
        [t('indicators.snpWithin'), `${num(ind.snp.within48h.count)} (${pct(ind.snp.within48h.share)})`],
        [t('indicators.snpBeyond'), num(ind.snp.beyond48h)],
        [t('indicators.snpNone'), num(ind.snp.none)],
        [t('indicators.pharmacy'), num(ind.dossiers.pharmacy)],
        [t('indicators.hubSent'), num(ind.hub.sent)],
        ...Object.entries(ind.hub.sentByKind).map(([key, v]): [string, string] => [t('indicators.hubSentKind', { key }), num(v)]),
        [t('indicators.hubAcknowledged'), num(ind.hub.acknowledged)],
        [t('indicators.hubRefused'), num(ind.hub.refused)],
        [t('indicators.hubReceived'), num(ind.hub.received)],
        ...Object.entries(ind.hub.receivedByKind).map(([key, v]): [string, string] => [t('indicators.hubReceivedKind', { key }), num(v)]),
        [t('indicators.hubReceivedRejected'), num(ind.hub.receivedRejected)],
      ]
    : [];
  return (
    <section className="indicators" data-testid="indicators" aria-label={t('indicators.title')}>
      <h2>{t('indicators.title')}</h2>
      <p className="field-hint">
        {t('indicators.siteClock', { zone: timeZone })} — {t('indicators.keys')}
      </p>
      <div className="indicator-period">
        <label>
          {t('indicators.from')}{' '}
          <input id={FOCUS.indicators} type="date" value={from} max={to || undefined} onChange={(e) => e.target.value && setPeriod({ from: e.target.value })} data-testid="indicators-from" />
        </label>{' '}
        <label>
          {t('indicators.to')} <input type="date" value={to} min={from || undefined} onChange={(e) => e.target.value && setPeriod({ to: e.target.value })} data-testid="indicators-to" />
        </label>{' '}
        <label>
          {t('indicators.granularity')}{' '}
          <select value={granularity} onChange={(e) => setPeriod({ granularity: e.target.value as Granularity })} data-testid="indicators-granularity">
            {GRANULARITIES.map((g) => (
              <option key={g} value={g}>
                {t(`indicators.granularities.${g}`)}
              </option>
            ))}
          </select>
        </label>{' '}
        <button type="button" onClick={() => choose(today, today, 'hour')}>
          {t('indicators.today')}
        </button>{' '}
        <button type="button" onClick={() => choose(`${today.slice(0, 8)}01`, today, 'day')}>
          {t('indicators.month')}
        </button>{' '}
        <button type="button" data-testid="indicators-year" onClick={() => choose(shiftDay(today, -364), today, 'month')}>
          {t('indicators.year')}
        </button>{' '}
        <button type="button" data-testid="indicators-csv" onClick={() => exportIndicatorsCsv(t)}>
          {t('indicators.exportCsv')}
        </button>{' '}
        <button type="button" data-testid="indicators-print" onClick={() => void printIndicatorReport(t)}>
          {t('indicators.print')}
        </button>
      </div>
      <p role="status" data-testid="indicators-status">
        {error ? reportError(error, t) : status}
      </p>
      {charts && (
        <div className="indicator-charts">
          <IndicatorChart title={t('indicators.chartCalls')} labels={charts.labels} series={charts.calls} />
          <IndicatorChart title={t('indicators.chartTta')} labels={charts.tta.labels} series={charts.tta.series} />
          <IndicatorChart title={t('indicators.chartDecisions')} labels={charts.decisions.labels} series={charts.decisions.series} />
          <IndicatorChart title={t('indicators.chartSnp')} labels={charts.snp.labels} series={charts.snp.series} />
        </div>
      )}
      {ind && (
        <table className="indicator-table" data-testid="indicators-table" tabIndex={0}>
          <caption>{t('indicators.tableCaption')}</caption>
          <tbody>
            {rows.map(([label, value]) => (
              <tr key={label}>
                <th scope="row">{label}</th>
                <td>{value}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {report && (
        <table className="indicator-table" data-testid="indicators-series" tabIndex={0}>
          <caption>{t('indicators.seriesCaption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('indicators.bucket')}</th>
              <th scope="col">{t('indicators.presented')}</th>
              <th scope="col">{t('indicators.answered')}</th>
              <th scope="col">{t('indicators.within60')}</th>
              <th scope="col">{t('indicators.lost')}</th>
              <th scope="col">{t('indicators.snpRate')}</th>
            </tr>
          </thead>
          <tbody>
            {report.series
              .filter((b) => b.presented > 0 || b.snpOriented > 0 || report.series.length <= 31)
              .map((b) => (
                <tr key={b.bucket}>
                  <th scope="row">{b.bucket}</th>
                  <td>{num(b.presented)}</td>
                  <td>{num(b.answered)}</td>
                  <td>{num(b.answered60s)}</td>
                  <td>{num(b.lost)}</td>
                  <td>{b.snpOriented > 0 ? pct(b.snpWithin48h / b.snpOriented) : '—'}</td>
                </tr>
              ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
