import { defineConfig } from '@playwright/test';
import { CHROMIUM_ARGS, CHROMIUM_PATH } from './tests/e2e/chromium';

/**
 * End-to-end tests drive the real renderer in Debian's Chromium through the test harness
 * (tests/harness). Playwright's own browser download cannot work on these machines.
 */
export default defineConfig({
  testDir: 'tests/e2e',
  testMatch: '**/*.spec.ts',
  // One worker: a spec already runs Chromium, the harness and often Kamailio, PostgreSQL or three
  // desks on the 2 cores; two workers would starve each other's timed checks (slots' 6 s, the room's).
  workers: 1,
  retries: 0,
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: process.env.CI ? [['list']] : [['list']],
  use: {
    browserName: 'chromium',
    headless: true,
    locale: 'fr-FR',
    timezoneId: 'Europe/Paris',
    // The DOM snapshots at each action are what a failure needs; the screencast frames on top cost
    // about a sixth of a spec's CPU (call-taking: 27.6 s with them, 22.8 s without, 21.3 s no trace).
    trace: { mode: 'retain-on-failure', screenshots: false },
    launchOptions: {
      executablePath: CHROMIUM_PATH,
      args: [...CHROMIUM_ARGS],
    },
  },
});
