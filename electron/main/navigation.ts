import type { WebContents } from 'electron';
import { isAppUrl } from './appOrigin';

/** The one outside page the app may open, in the system browser: the SAS platform's search. */
export interface ExternalLinks {
  /** https base of the SAS platform (workstation config `sas.baseUrl`); null: none configured. */
  sasBaseUrl: string | null;
  /** Pro Santé Connect: the services say whether this is the authorization URL they just built (exactly). */
  isPscAuthorization?: (url: string) => boolean;
  /** GP slots: the services say whether an agenda's booking page is one of the slots they offered (exactly). */
  isBookingUrl?: (url: string) => boolean;
  open: (url: string) => void;
}

/** An https URL on the very origin of the configured SAS platform (scheme, host and port). */
export function isAllowedExternal(url: string, sasBaseUrl: string | null): boolean {
  if (!sasBaseUrl) return false;
  try {
    const target = new URL(url);
    const base = new URL(sasBaseUrl);
    return target.protocol === 'https:' && base.protocol === 'https:' && target.origin === base.origin && target.username === '' && target.password === '';
  } catch {
    return false;
  }
}

/**
 * The window shows our page and nothing else: no navigation away, no pop-up, no webview. A
 * `window.open` of the SAS platform's search (INT_L01), or of the Pro Santé Connect sign-in the
 * services just prepared (RFC 8252: native apps sign in in the system browser), or of a slot's
 * booking page an agenda gave for a slot the services offered, goes to the system browser instead.
 */
export function lockNavigation(contents: WebContents, external: ExternalLinks | null = null): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (external && (isAllowedExternal(url, external.sasBaseUrl) || external.isPscAuthorization?.(url) === true || external.isBookingUrl?.(url) === true)) external.open(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
