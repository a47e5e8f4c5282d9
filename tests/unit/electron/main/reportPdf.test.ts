import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BrowserWindow as ElectronWindow, dialog as ElectronDialog } from 'electron';
import { dispatch } from '../../../../electron/services/api';
import { createServices, type Services } from '../../../../electron/services/composition';
import { createPdfPrinter, REPORT_CSP, reportDataUrl } from '../../../../electron/main/reportPdf';
import type { Dossier } from '../../../../shared/domain/dossier';
import { BrowserWindow, dialog } from '../../../support/fakeElectron';
import { signIn, TEST_SCRYPT } from '../../../support/operators';
import { makeTempDir } from '../../../support/tempDir';
import { testConfig } from '../../../support/testConfig';

/** The dossier report printed to PDF by the main process, through the real services and handler table. */
describe('report to PDF (Electron glue)', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let services: Services;
  let parent: BrowserWindow;
  let dossier: Dossier;
  const printer = () =>
    createPdfPrinter({
      BrowserWindow: BrowserWindow as unknown as new () => ElectronWindow,
      dialog: dialog as unknown as Pick<typeof ElectronDialog, 'showSaveDialog'>,
      parent: () => parent as unknown as ElectronWindow,
    });

  beforeEach(async () => {
    dir = makeTempDir();
    parent = new BrowserWindow({});
    dialog.saveDialogs = [];
    dialog.savePath = null;
    services = createServices(testConfig(dir.path, { autoLockMinutes: 240 }), { scryptParams: TEST_SCRYPT, reportPrinter: printer() });
    await signIn(services, 'ARM');
    const created = await dispatch(services.api, 'dossier:create', { callerPhone: '06 12 34 56 78', motive: '<img src=x onerror=alert(1)> douleur', priority: 'P2' });
    if (!created.ok) throw new Error(created.error.message);
    dossier = created.value as Dossier;
    await signIn(services, 'MRU');
  });
  afterEach(() => {
    services.close();
    dir.cleanup();
  });

  it('asks where to save (PDF, named after the dossier), prints the report in a hidden window that can run nothing, writes the file', async () => {
    const target = join(dir.path, 'rapport.pdf');
    dialog.savePath = target;
    const windowsBefore = BrowserWindow.created.length;
    const result = await dispatch(services.api, 'dossier:reportPdf', { dossierId: dossier.id });
    expect(result).toEqual({ ok: true, value: { path: target } });
    expect(dialog.saveDialogs).toEqual([{ parent, options: expect.objectContaining({ defaultPath: `${dossier.localNumber}.pdf`, filters: [{ name: 'PDF', extensions: ['pdf'] }] }) }]);

    const hidden = BrowserWindow.created.slice(windowsBefore);
    expect(hidden).toHaveLength(1);
    const window = hidden[0]!;
    expect(window.options).toMatchObject({ show: false, webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false } });
    expect(window.options.webPreferences).not.toHaveProperty('preload');
    expect(window.loaded!.startsWith('data:text/html;charset=utf-8,')).toBe(true);
    const page = decodeURIComponent(window.loaded!.slice('data:text/html;charset=utf-8,'.length));
    expect(page).toContain(`<head><meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`);
    expect(page).toContain(`Dossier ${dossier.localNumber}`);
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt; douleur');
    expect(page).not.toContain('<img');
    expect(window.webContents.printed).toEqual([{ url: window.loaded, options: { pageSize: 'A4', printBackground: true, preferCSSPageSize: true } }]);
    expect(readFileSync(target, 'utf8')).toMatch(/^%PDF-fake \d+$/);
    expect(window.destroyed).toBe(true);

    // The hidden window goes nowhere and opens nothing.
    let prevented = false;
    window.webContents.emit('will-navigate', { preventDefault: () => (prevented = true) }, 'https://evil.example/');
    expect(prevented).toBe(true);
    expect(window.webContents.windowOpenHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
  });

  it('a cancelled dialog saves nothing and opens no window', async () => {
    const windowsBefore = BrowserWindow.created.length;
    expect(await dispatch(services.api, 'dossier:reportPdf', { dossierId: dossier.id })).toEqual({ ok: true, value: { path: null } });
    expect(BrowserWindow.created.length).toBe(windowsBefore);
    expect(existsSync(join(dir.path, 'rapport.pdf'))).toBe(false);
  });

  it('the same permission as the report: an ARM is refused before any dialog; an unknown dossier is not found', async () => {
    dialog.savePath = join(dir.path, 'x.pdf');
    await signIn(services, 'ARM');
    expect(await dispatch(services.api, 'dossier:reportPdf', { dossierId: dossier.id })).toMatchObject({ ok: false, error: { code: 'E_FORBIDDEN' } });
    await signIn(services, 'MRU');
    expect(await dispatch(services.api, 'dossier:reportPdf', { dossierId: '01900000-0000-7000-8000-000000000000' })).toMatchObject({ ok: false, error: { code: 'E_NOT_FOUND' } });
    expect(dialog.saveDialogs).toEqual([]);
  });

  it('without Electron (harness, tests) the channel says so: the renderer prints the page instead', async () => {
    services.close();
    services = createServices(testConfig(dir.path, { autoLockMinutes: 240 }), { scryptParams: TEST_SCRYPT });
    await signIn(services, 'MRU');
    expect(await dispatch(services.api, 'dossier:reportPdf', { dossierId: dossier.id })).toMatchObject({ ok: false, error: { code: 'E_UNAVAILABLE' } });
  });

  it('puts the CSP first in the head, or before a page without one', () => {
    expect(decodeURIComponent(reportDataUrl('<html><head><title>x</title></head></html>'))).toContain('<head><meta http-equiv="Content-Security-Policy"');
    expect(decodeURIComponent(reportDataUrl('<p>x</p>'))).toMatch(/,<meta http-equiv="Content-Security-Policy" content="[^"]+"><p>x<\/p>$/);
  });
});
