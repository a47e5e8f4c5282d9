import { writeFile } from 'node:fs/promises';
import type { BrowserWindow as ElectronWindow, dialog as ElectronDialog } from 'electron';
import type { ReportPrinter } from '../services/regulation/reportService';

/** Nothing may load or run in the report's page: its inline style only (the services escaped every value). */
export const REPORT_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'";

/** The report as a self-contained data: URL, its CSP first in <head>. */
export function reportDataUrl(html: string): string {
  const meta = `<meta http-equiv="Content-Security-Policy" content="${REPORT_CSP}">`;
  const withCsp = /<head>/i.test(html) ? html.replace(/<head>/i, `<head>${meta}`) : `${meta}${html}`;
  return `data:text/html;charset=utf-8,${encodeURIComponent(withCsp)}`;
}

export interface PdfPrinterDeps {
  BrowserWindow: new (options: Electron.BrowserWindowConstructorOptions) => ElectronWindow;
  dialog: Pick<typeof ElectronDialog, 'showSaveDialog'>;
  /** The window the save dialog belongs to. */
  parent: () => ElectronWindow | null;
  writeFile?: (path: string, data: Uint8Array) => Promise<void>;
}

/**
 * printToPDF in a hidden window that can do nothing but lay the report out (no preload, no
 * script, no navigation, no pop-up), A4 with the report's own print stylesheet (header, page
 * numbers), saved where the user chose. Cancelling the dialog saves nothing.
 */
export function createPdfPrinter(deps: PdfPrinterDeps): ReportPrinter {
  const save = deps.writeFile ?? ((path, data) => writeFile(path, data));
  return {
    async savePdf({ html, fileName }) {
      const parent = deps.parent();
      const options = { title: 'Enregistrer le rapport (PDF)', defaultPath: fileName, filters: [{ name: 'PDF', extensions: ['pdf'] }] };
      const choice = parent ? await deps.dialog.showSaveDialog(parent, options) : await deps.dialog.showSaveDialog(options);
      if (choice.canceled || !choice.filePath) return { path: null };
      const window = new deps.BrowserWindow({
        show: false,
        webPreferences: { javascript: false, sandbox: true, contextIsolation: true, nodeIntegration: false, webSecurity: true, images: false, spellcheck: false },
      });
      try {
        const contents = window.webContents;
        contents.on('will-navigate', (event) => event.preventDefault());
        contents.setWindowOpenHandler(() => ({ action: 'deny' }));
        await window.loadURL(reportDataUrl(html));
        const pdf = await contents.printToPDF({ pageSize: 'A4', printBackground: true, preferCSSPageSize: true });
        await save(choice.filePath, pdf);
        return { path: choice.filePath };
      } finally {
        window.destroy();
      }
    },
  };
}
