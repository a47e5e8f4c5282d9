import type { BrowserWindow, Dialog, Event } from 'electron';
import { resources, type Language } from '../../shared/i18n';

export interface QuitGuardDeps {
  dialog: Pick<Dialog, 'showMessageBoxSync'>;
  /** Calls ringing, on the line or on hold, as the services know them. */
  liveCalls: () => number;
  /** The screens' language (the operators' choice, else the configured one). */
  language: () => Language;
}

type Reason = 'callUp' | 'unsavedWork';

/**
 * Closing the window (the button, Alt+F4, the OS quitting the app) with a call up or a dossier not
 * saved asks first, in the screens' language; "Rester" is the default and Échap's answer. The
 * services know the calls; the page knows its unsaved work and says so by refusing to unload
 * (beforeunload), which Electron reports here as `will-prevent-unload`.
 */
export function guardClosing(window: Pick<BrowserWindow, 'on'> & { webContents: Pick<BrowserWindow['webContents'], 'on'> }, deps: QuitGuardDeps): void {
  let confirmed = false;
  const ask = (reason: Reason): boolean => {
    const words = resources[deps.language()].translation.shell.quit;
    const choice = deps.dialog.showMessageBoxSync(window as BrowserWindow, {
      type: 'warning',
      title: words.title,
      message: words[reason],
      detail: words.detail,
      buttons: [words.stay, words.quit],
      defaultId: 0,
      cancelId: 0,
      noLink: true,
    });
    return choice === 1;
  };
  window.on('close', (event: Event) => {
    if (confirmed || deps.liveCalls() === 0) return;
    if (ask('callUp')) confirmed = true;
    else event.preventDefault();
  });
  window.webContents.on('will-prevent-unload', (event: Event) => {
    // preventDefault here lets the page go despite its beforeunload refusal.
    if (confirmed || ask('unsavedWork')) {
      confirmed = true;
      event.preventDefault();
    }
  });
}
