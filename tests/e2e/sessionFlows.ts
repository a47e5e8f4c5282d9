import { expect, type Page } from '@playwright/test';

/**
 * Signing in and handing the workstation over, keyboard only: for the specs (through fixtures.ts)
 * and for the benches, which drive Chromium outside the test runner.
 */

/**
 * Signs an operator in from the sign-in screen, keyboard only (the demo accounts' passwords are
 * `plateau-<login>`). From a locked screen the field focused first is the password of the
 * operator who locked it: Maj+Tab goes back to the login. `timeout`, where given, is each check's.
 */
export async function signIn(page: Page, login: string, from: 'fresh' | 'locked' = 'fresh', timeout?: number): Promise<void> {
  // The password's hash (scrypt) takes seconds on a loaded machine: a spec running several desks gives it room.
  const wait = timeout ? { timeout } : {};
  await expect(page.getByTestId('login-screen')).toBeVisible(wait);
  if (from === 'locked') {
    await expect(page.getByLabel('Mot de passe')).toBeFocused(wait);
    await page.keyboard.press('Shift+Tab');
  }
  await expect(page.getByLabel('Identifiant')).toBeFocused(wait);
  await page.keyboard.press('Control+a');
  await page.keyboard.type(login);
  await page.keyboard.press('Tab');
  await page.keyboard.type(`plateau-${login}`);
  await page.keyboard.press('Enter');
  await expect(page.getByTestId('operator')).toBeVisible(wait);
}

/** Locks the workstation (Ctrl+L) and hands it to another operator. */
export async function switchTo(page: Page, login: string, timeout?: number): Promise<void> {
  await page.keyboard.press('Control+l');
  await expect(page.getByTestId('login-screen')).toContainText('Poste verrouillé', timeout ? { timeout } : {});
  await signIn(page, login, 'locked', timeout);
}
