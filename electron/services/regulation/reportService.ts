import { fail, ok, type Envelope } from '../../../shared/api/envelope';
import { firstAlteredEvent, verifyWholeChain } from '../journal/fullVerification';
import type { Journal } from '../journal/journal';
import type { ChainVerification } from '../journal/verify';
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
  /** Events hashed per slice of the full walk (the background status walk's slice). */
  chainSliceEvents?: number;
}

const DEFAULT_SLICE_EVENTS = 5_000;

/**
 * The dossier's printable report, with a full verification behind it: every event of the dossier
 * re-hashed, and the whole chain re-read from the genesis in slices (the status check's cached
 * tail would miss a row altered after it was first verified).
 */
export class ReportService {
  private readonly now: () => number;

  constructor(private readonly deps: ReportServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  async report(dossierId: string): Promise<Envelope<{ html: string; chainValid: boolean }>> {
    const dossier = this.deps.journal.dossiers.get(dossierId);
    if (!dossier) return fail('E_NOT_FOUND', `dossier ${dossierId} does not exist`, 'dossierId');
    const events = this.deps.journal.reports.eventsOfDossier(dossierId);
    const names = new Map(this.deps.journal.operators.list().map((o) => [o.id, o.displayName]));
    const chain = await this.verify(events);
    const html = buildDossierReport({ dossier, events, names, chain, siteName: this.deps.siteName, timeZone: this.deps.timeZone, deferredCallbackDone: this.deps.journal.callbacks.get(dossierId)?.doneAt != null, generatedAt: new Date(this.now()).toISOString() });
    return ok({ html, chainValid: chain.ok });
  }

  /** The dossier's own events first (cheap, and the reader's concern), then the whole chain. */
  private async verify(events: Parameters<typeof firstAlteredEvent>[0]): Promise<ChainVerification & { dossierEvents: number }> {
    const altered = firstAlteredEvent(events);
    const chain = await verifyWholeChain(this.deps.journal, this.deps.chainSliceEvents ?? DEFAULT_SLICE_EVENTS);
    if (altered && (chain.ok || chain.brokenAt === null || altered.seq < chain.brokenAt)) {
      return { ...chain, ok: false, brokenAt: altered.seq, problem: altered.problem, dossierEvents: events.length };
    }
    return { ...chain, dossierEvents: events.length };
  }

  /** The same report, printed to a PDF where the user chooses (Electron only: E_UNAVAILABLE elsewhere). */
  async savePdf(dossierId: string): Promise<Envelope<{ path: string | null }>> {
    const printer = this.deps.printer;
    if (!printer) return fail('E_UNAVAILABLE', 'PDF export is done by the Electron app; print the page instead');
    const report = await this.report(dossierId);
    if (!report.ok) return report;
    const dossier = this.deps.journal.dossiers.get(dossierId)!;
    try {
      return ok(await printer.savePdf({ html: report.value.html, fileName: `${dossier.localNumber}.pdf` }));
    } catch (error) {
      return fail('E_INTERNAL', `PDF export failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
