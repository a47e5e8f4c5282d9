import { fail, ok, type Envelope } from '../../../shared/api/envelope';
import type { ParsedRequestOf, ResponseOf } from '../../../shared/api/contract';
import { floorView, type FloorView } from '../../../shared/domain/indicators/floor';
import { buildSeries, SERIES_METRICS, seriesUnit } from '../../../shared/domain/indicators/series';
import { summarize } from '../../../shared/domain/indicators/summary';
import type { Priority } from '../../../shared/domain/priority';
import type { QueueEntry } from '../../../shared/domain/queue';
import type { Call } from '../../../shared/domain/callState';
import type { Journal } from '../journal/journal';
import type { ReportPrinter } from '../regulation/reportService';
import { buildIndicatorReport } from './indicatorReportHtml';

export interface IndicatorServiceDeps {
  journal: Journal;
  siteName: string;
  workstationId: string;
  queueLimitsMinutes: Record<Priority, number>;
  now?: () => number;
  printer?: ReportPrinter;
  /** What the floor view reads from the other services, asked at each request. */
  floor: {
    session(): { operatorId: string; displayName: string; role: string; locked: boolean } | null;
    /** In a room: who is signed in at the other desks. */
    otherPosts?(): Array<{ post: string; operator: { operatorId: string; displayName: string; role: string; locked: boolean } | null }>;
    liveCalls(): Call[];
    queue(): QueueEntry[];
    telephony(): { configured: boolean; registered: boolean };
    hub(): { configured: boolean; connected: boolean; waiting: number; failed: number };
  };
}

type Report = ResponseOf<'indicators:report'>;

/**
 * The supervisor's figures: a period is the sum of its days' rollups (never its events), the
 * current day included since the rollups follow every journaled event; the live floor from
 * the services' state.
 */
export class IndicatorService {
  private readonly now: () => number;

  constructor(private readonly deps: IndicatorServiceDeps) {
    this.now = deps.now ?? Date.now;
  }

  report(request: ParsedRequestOf<'indicators:report'>): Envelope<Report> {
    const range = { from: request.from, to: request.to };
    const rollups = this.deps.journal.indicators;
    const indicators = summarize(rollups.period(range), this.deps.queueLimitsMinutes);
    const series = buildSeries(range, request.granularity, rollups.series(range, seriesUnit(request.granularity), SERIES_METRICS));
    return ok({ siteName: this.deps.siteName, timeZone: rollups.timeZone, from: request.from, to: request.to, granularity: request.granularity, indicators, series });
  }

  html(request: ParsedRequestOf<'indicators:report'>): string {
    const report = this.report(request);
    if (!report.ok) throw new Error('unreachable');
    const { siteName, timeZone, from, to, indicators, series } = report.value;
    return buildIndicatorReport({ siteName, timeZone, from, to, indicators, series, generatedAt: new Date(this.now()).toISOString() });
  }

  /** The period's A4 report as a PDF where the user chooses (Electron only: E_UNAVAILABLE elsewhere). */
  async savePdf(request: ParsedRequestOf<'indicators:reportPdf'>): Promise<Envelope<{ path: string | null }>> {
    const printer = this.deps.printer;
    if (!printer) return fail('E_UNAVAILABLE', 'PDF export is done by the Electron app; print the page instead');
    try {
      return ok(await printer.savePdf({ html: this.html(request), fileName: `indicateurs-${request.from}-${request.to}.pdf` }));
    } catch (error) {
      return fail('E_INTERNAL', `PDF export failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  floor(): FloorView {
    const f = this.deps.floor;
    const session = f.session();
    return floorView({
      now: this.now(),
      post: this.deps.workstationId,
      session: session as FloorView['posts'][number]['operator'],
      ...(f.otherPosts ? { otherPosts: f.otherPosts() } : {}),
      liveCalls: f.liveCalls(),
      queue: f.queue(),
      callbacks: this.deps.journal.callbacks.openCounts(this.now()),
      limitsMinutes: this.deps.queueLimitsMinutes,
      telephony: f.telephony(),
      hub: f.hub(),
    });
  }
}
