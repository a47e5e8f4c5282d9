/**
 * Debian's Chromium, as every end-to-end test launches it (Playwright's own browser download
 * cannot work on these machines): the path and the flags that keep it quiet and local.
 */
export const CHROMIUM_PATH = process.env.PLATEAU_CHROMIUM ?? '/usr/bin/chromium';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
] as const;
