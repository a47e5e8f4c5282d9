import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/** Signs in from the login screen, keyboard only (fresh, or from a locked post: quick switch). */
export async function signIn(page: Page, login: string, from: 'fresh' | 'locked' = 'fresh'): Promise<void> {
  await expect(page.getByTestId('login-screen')).toBeVisible();
  // A locked screen offers its operator's password first; wait for that focus before moving.
  if (from === 'locked') {
    await expect(page.getByLabel('Mot de passe')).toBeFocused();
    await page.keyboard.press('Shift+Tab');
  }
  await expect(page.getByLabel('Identifiant')).toBeFocused();
  await page.keyboard.press('Control+a');
  await page.keyboard.type(login);
  await page.keyboard.press('Tab');
  await page.keyboard.type(`plateau-${login}`);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('operator')).toBeVisible();
}

/** Locks the post (Ctrl+L) and hands it to another operator. */
export async function switchTo(page: Page, login: string): Promise<void> {
  await page.keyboard.press('Control+l');
  await expect(page.getByTestId('login-screen')).toContainText('Poste verrouillé');
  await signIn(page, login, 'locked');
}
