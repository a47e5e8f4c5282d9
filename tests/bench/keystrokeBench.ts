import { chromium } from '@playwright/test';
import { dispatch } from '../../electron/services/api';
import { createServices } from '../../electron/services/composition';
import { HarnessProcess } from '../e2e/harnessProcess';
import { makeTempDir } from '../support/tempDir';
import { testConfig } from '../support/testConfig';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from '../e2e/chromium';
import { demoPassword, seedDemoOperators } from '../harness/demoOperators';
import { line, percentile } from './stats';

const LIVE_DOSSIERS = Number(process.env.BENCH_LIVE_DOSSIERS ?? 500);
const KEYSTROKES = 300;
/** Event Timing reports nothing under 16 ms (one frame): an unreported key counts as 16 ms. */
const FLOOR_MS = 16;

/**
 * Keystroke to paint in the triage form with 500 live dossiers in the queue, measured by
 * Chromium itself (Event Timing API, the input-to-next-paint of each key). Target p99 ≤ 50 ms.
 */
export async function keystrokeBench(): Promise<string[]> {
  const dir = makeTempDir('plateau-bench-keys-');
  const services = createServices(testConfig(dir.path));
  // The harness started below signs its demo ARM in: the same accounts write the queue here.
  await seedDemoOperators(services);
  const signedIn = await services.auth.login({ login: 'arm', password: demoPassword('arm') });
  if (!signedIn.ok) throw new Error(signedIn.error.message);
  for (let i = 0; i < LIVE_DOSSIERS; i++) {
    await dispatch(services.api, 'dossier:create', { callerPhone: `06${String(10_000_000 + i).slice(0, 8)}`, motive: `motif ${i}`, priority: (['P0', 'P1', 'P2', 'P3'] as const)[i % 4] });
  }
  services.close();
  const harness = await HarnessProcess.start(dir.path);
  const browser = await chromium.launch({
    executablePath: CHROMIUM_PATH,
    args: [...CHROMIUM_ARGS],
  });
  try {
    const page = await browser.newPage();
    await page.addInitScript(() => {
      const store: number[] = [];
      (window as unknown as { __eventTimings: number[] }).__eventTimings = store;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) if (entry.name === 'keydown') store.push(entry.duration);
      }).observe({ type: 'event', buffered: true, durationThreshold: 16 } as PerformanceObserverInit);
    });
    await page.goto(harness.url);
    if (LIVE_DOSSIERS > 0) await page.getByTestId('queue-row').nth(LIVE_DOSSIERS - 1).waitFor();
    else await page.getByTestId('queue-list').waitFor();
    await page.keyboard.press('F2');
    await page.keyboard.press('Tab');
    const text = 'Douleur thoracique irradiant dans le bras gauche depuis vingt minutes, sueurs, ';
    for (let i = 0; i < KEYSTROKES; i++) await page.keyboard.type(text[i % text.length]!);
    await page.waitForTimeout(500);
    const reported = await page.evaluate(() => (window as unknown as { __eventTimings: number[] }).__eventTimings);
    const all: number[] = [...reported, ...Array.from({ length: Math.max(0, KEYSTROKES - reported.length) }, () => FLOOR_MS)].sort((a, b) => a - b);
    return [
      line('triage.keystroke_to_paint.p50', percentile(all, 50), 'ms'),
      line('triage.keystroke_to_paint.p99', percentile(all, 99), 'ms'),
      line('triage.keystrokes_over_one_frame', reported.length, 'keys'),
      line('triage.live_dossiers', LIVE_DOSSIERS, 'dossiers'),
    ];
  } finally {
    await browser.close();
    await harness.stop();
    dir.cleanup();
  }
}
