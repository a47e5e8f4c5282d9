import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test as base, type Page } from '@playwright/test';
import { HarnessProcess } from './harnessProcess';

/**
 * Each test gets its own services and journal (a fresh data folder) and a page that counts
 * pointer events, so a test can prove it never needed the mouse.
 */
export const test = base.extend<{ harness: HarnessProcess; signedOutHarness: HarnessProcess; dataDir: string }>({
  // Playwright requires the destructuring pattern, even when a fixture uses no other fixture.
  // eslint-disable-next-line no-empty-pattern
  dataDir: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), 'plateau-e2e-'));
    await use(dir);
    rmSync(dir, { recursive: true, force: true });
  },
  harness: async ({ dataDir }, use) => {
    const harness = await HarnessProcess.start(dataDir);
    await use(harness);
    await harness.stop();
  },
  /** The services with nobody signed in: the page opens on the sign-in screen (see signIn). */
  signedOutHarness: async ({ dataDir }, use) => {
    const harness = await HarnessProcess.start(dataDir, ['--operator', 'none']);
    await use(harness);
    await harness.stop();
  },
  page: async ({ page }, use) => {
    await countPointerEvents(page);
    await use(page);
  },
});

export { expect } from '@playwright/test';

export { signIn, switchTo } from './sessionFlows';

export const THEMES = ['dark', 'light', 'contrast'] as const;
export type Theme = (typeof THEMES)[number];

/** Alt+T cycles the themes until this one is on. */
export async function setTheme(page: Page, theme: Theme): Promise<void> {
  for (let i = 0; i < 3 && (await page.evaluate(() => document.documentElement.dataset.theme)) !== theme; i++) await page.keyboard.press('Alt+t');
  await expect(page.locator('html')).toHaveAttribute('data-theme', theme);
}

/** Counts what a mouse would do on the page, so a test can prove it never needed one. */
export async function countPointerEvents(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const w = window as unknown as { __pointerEvents: number };
    w.__pointerEvents = 0;
    for (const type of ['pointerdown', 'mousedown', 'click', 'wheel']) {
      window.addEventListener(type, (event) => {
        // Synthetic clicks fired by the keyboard (Enter/Space on a button) have detail 0.
        if (type !== 'click' || (event as MouseEvent).detail > 0) w.__pointerEvents += 1;
      }, true);
    }
  });
}

export async function pointerEvents(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __pointerEvents: number }).__pointerEvents);
}
