import { fail, ok, type Envelope } from '../../../shared/api/envelope';
import type { Journal } from '../journal/journal';
import { buildDossierReport } from './dossierReport';

/**
 * Prints a report's HTML to a PDF file the user chooses. Electron's main process provides it
 * (printToPDF in a hidden window, a save dialog); elsewhere there is none and the renderer
 * prints the page instead.
 */
export interface ReportPrinter {
  savePdf(input: { html: string; fileName: string }): Promise<{ path: string | null }>;
}

export interface ReportServiceDeps {
  journal: Journal;
  siteName: string;
  timeZone: string;
  now?: () => number;
  printer?: ReportPrinter;
}

/** The dossier's printable report, with a full verification of the hash chain behind it. */
export class ReportService {
  private readonly now: () => number;

  constructor(private readonly deps: ReportServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  report(dossierId: string): Envelope<{ html: string; chainValid: boolean }> {
    const dossier = this.deps.journal.dossiers.get(dossierId);
    if (!dossier) return fail('E_NOT_FOUND', `dossier ${dossierId} does not exist`, 'dossierId');
    const events = this.deps.journal.reports.eventsOfDossier(dossierId);
    const names = new Map(this.deps.journal.operators.list().map((o) => [o.id, o.displayName]));
    // Incremental: resumes after the last verified event, so a report stays quick on a big journal.
    const chain = this.deps.journal.verifyIncrementally();
    const html = buildDossierReport({ dossier, events, names, chain, siteName: this.deps.siteName, timeZone: this.deps.timeZone, deferredCallbackDone: this.deps.journal.callbacks.get(dossierId)?.doneAt != null, generatedAt: new Date(this.now()).toISOString() });
    return ok({ html, chainValid: chain.ok });
  }

  /** The same report, printed to a PDF where the user chooses (Electron only: E_UNAVAILABLE elsewhere). */
  async savePdf(dossierId: string): Promise<Envelope<{ path: string | null }>> {
    const printer = this.deps.printer;
    if (!printer) return fail('E_UNAVAILABLE', 'PDF export is done by the Electron app; print the page instead');
    const report = this.report(dossierId);
    if (!report.ok) return report;
    const dossier = this.deps.journal.dossiers.get(dossierId)!;
    try {
      return ok(await printer.savePdf({ html: report.value.html, fileName: `${dossier.localNumber}.pdf` }));
    } catch (error) {
      return fail('E_INTERNAL', `PDF export failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
