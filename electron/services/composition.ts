import { hubClientId } from '../../shared/domain/localNumber';
import { createHandlerTable, type HandlerTable } from './api';
import { AuthService } from './auth/authService';
import type { ScryptParams } from './auth/passwords';
import { CallbackService } from './regulation/callbackService';
import { RegulationService } from './regulation/regulationService';
import { ReportService } from './regulation/reportService';
import { journalPathFor, type WorkstationConfig } from './config/workstationConfig';
import { DossierService } from './dossiers/dossierService';
import { EventBus } from './eventBus';
import { AddressService } from './geo/addressService';
import { Journal } from './journal/journal';

export interface Services {
  readonly config: WorkstationConfig;
  readonly journal: Journal;
  readonly auth: AuthService;
  readonly dossiers: DossierService;
  readonly regulation: RegulationService;
  readonly callbacks: CallbackService;
  readonly addresses: AddressService;
  readonly events: EventBus;
  /** The automatic transitions and escalations due now (also run every TICK_MS). */
  tick(): void;
  readonly api: HandlerTable;
  close(): void;
}

export interface ServiceOptions {
  now?: () => number;
  /** For tests of the address service against a local stand-in. */
  fetch?: typeof fetch;
  busyTimeoutMs?: number;
  /** Cheaper password hashing for tests (the parameters are stored with each hash). */
  scryptParams?: ScryptParams;
}

const TICK_MS = 30_000;

const IDLE_CHECKPOINT_MS = 30_000;

/**
 * The composition root, shared by Electron's main process and the test harness: the same
 * services, wired the same way, whichever transport carries the requests.
 */
export function createServices(config: WorkstationConfig, options: ServiceOptions = {}): Services {
  const journal = Journal.open(journalPathFor(config), {
    workstation: config.workstationId,
    hubClientId: hubClientId(config.siteCode),
    ...(options.now ? { now: options.now } : {}),
    ...(options.busyTimeoutMs !== undefined ? { busyTimeoutMs: options.busyTimeoutMs } : {}),
  });
  const events = new EventBus();
  const now = options.now ? { now: options.now } : {};
  const auth = new AuthService({ journal, autoLockMinutes: config.autoLockMinutes, lockoutMinutes: config.lockoutMinutes, ...now, ...(options.scryptParams ? { scryptParams: options.scryptParams } : {}) });
  const actor = () => auth.actor();
  const dossiers = new DossierService({
    journal,
    events,
    siteCode: config.siteCode,
    timeZone: config.timeZone,
    p3CallbackMinutes: config.p3CallbackMinutes,
    actor,
    ...now,
  });
  const regulation = new RegulationService({ journal, events, dossiers, ...now });
  const callbacks = new CallbackService({ journal, events, actor, ...now });
  const reports = new ReportService({ journal, siteName: config.siteName, ...now });
  const addresses = new AddressService({ dataDir: config.dataDir, banBaseUrl: config.geo.banBaseUrl, timeoutMs: config.geo.timeoutMs, ...(options.fetch ? { fetch: options.fetch } : {}) });
  const api = createHandlerTable({ auth, dossiers, regulation, callbacks, reports, addresses, journal, config });

  const tick = () => {
    try {
      regulation.tick();
      callbacks.tick();
      // Also locks an idle session when nobody sends any request.
      auth.status();
    } catch (error) {
      // A full or locked journal must not crash the services: the next tick tries again.
      console.error('[tick] failed', error);
    }
  };
  const ticker = setInterval(tick, TICK_MS);
  ticker.unref();

  // Keep the WAL small: checkpoint once writes have stopped for a whole interval.
  const lastSeq = journal.db.prepare<[], { s: number | null }>('SELECT max(seq) AS s FROM events');
  let seenSeq = -1;
  let checkpointedSeq = -1;
  const idle = setInterval(() => {
    const seq = lastSeq.get()?.s ?? 0;
    if (seq === seenSeq && seq !== checkpointedSeq) {
      journal.checkpoint();
      checkpointedSeq = seq;
    }
    seenSeq = seq;
  }, IDLE_CHECKPOINT_MS);
  idle.unref();

  return {
    config,
    journal,
    auth,
    dossiers,
    regulation,
    callbacks,
    addresses,
    events,
    api,
    tick,
    close() {
      clearInterval(idle);
      clearInterval(ticker);
      addresses.close();
      journal.close();
    },
  };
}
