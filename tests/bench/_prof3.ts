import { join } from 'node:path';
import { createServices } from '../../electron/services/composition';
import { dispatch } from '../../electron/services/api';
import { testConfig } from '../support/testConfig';
import { signIn, TEST_SCRYPT } from '../support/operators';
import { SERIES_METRICS, buildSeries } from '../../shared/domain/indicators/series';
import { summarize } from '../../shared/domain/indicators/summary';
let clock = Date.parse('2025-12-31T12:00:00Z');
const services = createServices(testConfig(join('/tmp/j2/ind10', 'journal')), { scryptParams: TEST_SCRYPT, now: () => clock });
await signIn(services, 'SUPERVISEUR');
const ind = services.journal.indicators;
const t = (label: string, f: () => unknown) => { const times: number[] = []; let r: unknown; for (let i = 0; i < 8; i++) { const t0 = performance.now(); r = f(); times.push(performance.now() - t0); } times.sort((a,b)=>a-b); console.log(label, times.map(x=>x.toFixed(1)).join(' ')); return r; };
const month = { from: '2025-03-01', to: '2025-03-28' };
const year = { from: '2025-01-01', to: '2025-12-31' };
const facts = t('period month', () => ind.period(month)) as Record<string, number>;
console.log('keys in month facts', Object.keys(facts).length);
t('period year', () => ind.period(year));
const rowsH = t('series hour month', () => ind.series(month, 'hour', SERIES_METRICS)) as unknown[];
console.log('rows', rowsH.length);
t('series day month', () => ind.series(month, 'day', SERIES_METRICS));
t('series month year', () => ind.series(year, 'month', SERIES_METRICS));
t('series day year', () => ind.series(year, 'day', SERIES_METRICS));
t('summarize', () => summarize(facts, { P0: 1, P1: 5, P2: 15, P3: 60, NR: 30 } as never));
t('buildSeries hour', () => buildSeries(month, 'hour', rowsH as never));
for (const [name, req] of [['month by hour', { ...month, granularity: 'hour' }], ['month by day', { ...month, granularity: 'day' }], ['year', { ...year, granularity: 'month' }]] as const) {
  const times: number[] = [];
  for (let i = 0; i < 8; i++) { clock += 1; const t0 = performance.now(); await dispatch(services.api, 'indicators:report', req); times.push(performance.now() - t0); }
  console.log('dispatch', name, times.map(x=>x.toFixed(1)).join(' '));
  const times2: number[] = [];
  for (let i = 0; i < 8; i++) { const t0 = performance.now(); services.indicators.report(req as never); times2.push(performance.now() - t0); }
  console.log('service', name, times2.map(x=>x.toFixed(1)).join(' '));
}
services.close();
