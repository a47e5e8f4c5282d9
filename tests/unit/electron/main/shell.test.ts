import { describe, expect, it } from 'vitest';
import { installAppMenu, refuseDevTools } from '../../../../electron/main/appMenu';
import { guardClosing } from '../../../../electron/main/quitGuard';
import { BrowserWindow, cancellableEvent, dialog, Menu } from '../../../support/fakeElectron';

/** The shell as a control-room tool: no default menu when packaged, and a close that asks first. */
describe('the application menu', () => {
  it('a packaged post has no menu (no Reload, DevTools nor Ctrl+W); a development build keeps the default', () => {
    installAppMenu(Menu, false);
    expect(Menu.application).toBeUndefined();
    installAppMenu(Menu, true);
    expect(Menu.application).toBeNull();
  });

  it('a packaged post closes the developer tools whatever opened them', () => {
    const dev = new BrowserWindow({});
    refuseDevTools(dev.webContents as never, false);
    dev.webContents.emit('devtools-opened');
    expect(dev.webContents.devToolsClosed).toBe(0);
    const packaged = new BrowserWindow({});
    refuseDevTools(packaged.webContents as never, true);
    packaged.webContents.emit('devtools-opened');
    expect(packaged.webContents.devToolsClosed).toBe(1);
  });
});

describe('closing with work at stake', () => {
  const setup = (calls: number, language: 'fr' | 'en' = 'fr') => {
    const window = new BrowserWindow({});
    const state = { calls };
    dialog.messageBoxes.length = 0;
    dialog.answers.length = 0;
    guardClosing(window as never, { dialog: dialog as never, liveCalls: () => state.calls, language: () => language });
    const close = () => {
      const event = cancellableEvent();
      window.emit('close', event);
      return event.defaultPrevented;
    };
    /** The page refused to unload (unsaved work): true when main lets it go anyway. */
    const pageRefuses = () => {
      const event = cancellableEvent();
      window.webContents.emit('will-prevent-unload', event);
      return event.defaultPrevented;
    };
    return { state, close, pageRefuses };
  };

  it('nothing at stake: closes without a question', () => {
    const { close } = setup(0);
    expect(close()).toBe(false);
    expect(dialog.messageBoxes).toEqual([]);
  });

  it('a call up: asks in the screens’ language; "Rester" (the default, Échap) keeps the window; "Quitter quand même" closes', () => {
    const { close, pageRefuses } = setup(1);
    expect(close()).toBe(true); // no answer given: Échap, the cancel button
    expect(dialog.messageBoxes[0]!.options).toMatchObject({
      type: 'warning',
      title: 'Quitter Plateau ?',
      message: 'Un appel est en cours : quitter le raccroche.',
      buttons: ['Rester', 'Quitter quand même'],
      defaultId: 0,
      cancelId: 0,
    });
    dialog.answers.push(1);
    expect(close()).toBe(false);
    // The page then refuses to unload (its call is up): already confirmed, no second question.
    expect(pageRefuses()).toBe(true);
    expect(dialog.messageBoxes).toHaveLength(2);
  });

  it('unsaved work (the page refuses to unload): asks; staying keeps the page, quitting lets it go', () => {
    const { close, pageRefuses } = setup(0, 'en');
    expect(close()).toBe(false);
    expect(pageRefuses()).toBe(false);
    expect(dialog.messageBoxes[0]!.options).toMatchObject({ title: 'Quit Plateau?', message: 'A dossier is not saved: quitting loses it.', buttons: ['Stay', 'Quit anyway'] });
    dialog.answers.push(1);
    expect(pageRefuses()).toBe(true);
  });
});
