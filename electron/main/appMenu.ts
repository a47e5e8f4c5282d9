import type { WebContents } from 'electron';

/**
 * Electron's default menu carries Reload, Force Reload, Toggle Developer Tools and Close Window
 * (Ctrl+R, Ctrl+Shift+I, Ctrl+W): one keystroke from losing the screen mid-call. A packaged post has
 * no menu at all, so those accelerators do nothing; a development build keeps it for developers.
 */
export function installAppMenu(menu: { setApplicationMenu(menu: null): void }, packaged: boolean): void {
  if (packaged) menu.setApplicationMenu(null);
}

/** A packaged post never shows the developer tools, whatever opened them. */
export function refuseDevTools(contents: Pick<WebContents, 'on' | 'closeDevTools'>, packaged: boolean): void {
  if (packaged) contents.on('devtools-opened', () => contents.closeDevTools());
}
