import { hubClientId } from '../../shared/domain/localNumber';
import { CHAIN_SLICE_EVENTS, createHandlerTable, type HandlerTable } from './api';
import { journalPathFor, type WorkstationConfig } from './config/workstationConfig';
import { DossierService } from './dossiers/dossierService';
import { EventBus } from './eventBus';
import { AddressService } from './geo/addressService';
import { Journal } from './journal/journal';

export interface Services {
  readonly config: WorkstationConfig;
  readonly journal: Journal;
  readonly dossiers: DossierService;
  readonly addresses: AddressService;
  readonly events: EventBus;
  readonly api: HandlerTable;
  close(): void;
}

export interface ServiceOptions {
  now?: () => number;
  /** For tests of the address service against a local stand-in. */
  fetch?: typeof fetch;
  busyTimeoutMs?: number;
}

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
  const dossiers = new DossierService({
    journal,
    events,
    siteCode: config.siteCode,
    timeZone: config.timeZone,
    p3CallbackMinutes: config.p3CallbackMinutes,
    actor: () => ({ id: `poste:${config.workstationId}`, role: 'ARM' }),
    ...(options.now ? { now: options.now } : {}),
  });
  const addresses = new AddressService({ dataDir: config.dataDir, banBaseUrl: config.geo.banBaseUrl, timeoutMs: config.geo.timeoutMs, ...(options.fetch ? { fetch: options.fetch } : {}) });
  const api = createHandlerTable({ dossiers, addresses, journal, config });

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

  // The first chain walk of a large journal takes seconds (9 s for 2 M dossiers): done in slices
  // between requests, so no call waits on it, and the status says it is still under way.
  let verifying: ReturnType<typeof setTimeout> | null = null;
  const verifySlice = () => {
    const chain = journal.verifyIncrementally(CHAIN_SLICE_EVENTS);
    verifying = chain.ok && !chain.complete ? setTimeout(verifySlice, 0) : null;
    verifying?.unref();
  };
  verifying = setTimeout(verifySlice, 0);
  verifying.unref();

  return {
    config,
    journal,
    dossiers,
    addresses,
    events,
    api,
    close() {
      clearInterval(idle);
      if (verifying) clearTimeout(verifying);
      addresses.close();
      journal.close();
    },
  };
}
