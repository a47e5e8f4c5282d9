import type { Page } from '@playwright/test';

/** Counts what the hands do on the keyboard: each key press (a chord is one), each character typed. */
export function keyboardCounter(page: Page) {
  let keystrokes = 0;
  return {
    press: async (key: string) => {
      keystrokes += 1;
      await page.keyboard.press(key);
    },
    type: async (text: string) => {
      keystrokes += [...text].length;
      await page.keyboard.type(text);
    },
    get count() {
      return keystrokes;
    },
  };
}
