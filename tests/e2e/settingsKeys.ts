import type { Page } from '@playwright/test';
import { expect } from './fixtures';

/**
 * The SIP password typed as a user does: Alt+Maj+W opens "Réglages du poste", the password goes
 * in its field, Entrée saves it (to the secret store), and the settings say the registration in
 * words. The page must show the settings to someone allowed to set it (a supervisor here).
 */
export async function typeSipPassword(page: Page, password: string): Promise<void> {
  await page.keyboard.press('Alt+Shift+KeyW');
  const field = page.locator('#settings-sip-password');
  await expect(page.getByTestId('settings')).toBeVisible();
  await field.focus();
  await page.keyboard.insertText(password);
  await page.keyboard.press('Enter');
}
