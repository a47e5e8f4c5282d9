import { hubClientId } from '../../shared/domain/localNumber';
import { createHandlerTable, type HandlerTable } from './api';
import { journalPathFor, type WorkstationConfig } from './config/workstationConfig';
import { DossierService } from './dossiers/dossierService';
import { EventBus } from './eventBus';
import { AddressService } from './geo/addressService';
import { HubService } from './hub/hubService';
import { Journal } from './journal/journal';

export interface Services {
  readonly config: WorkstationConfig;
  readonly journal: Journal;
  readonly dossiers: DossierService;
  readonly addresses: AddressService;
  readonly events: EventBus;
  readonly api: HandlerTable;
  /** Null when the configuration has no Hub Santé section. */
  readonly hub: HubService | null;
  /** Connects to Hub Santé (in the background); a no-op without a Hub configuration. */
  startHub(): Promise<void>;
  close(): Promise<void>;
}

export interface ServiceOptions {
  now?: () => number;
  /** For tests of the address service against a local stand-in. */
  fetch?: typeof fetch;
  busyTimeoutMs?: number;
  /** PKCS#12 pass phrase for the Hub client certificate (from safeStorage). */
  hubPassphrase?: string;
  /** Tests: Hub housekeeping period and reconnect back-off. */
  hub?: { sweepMs?: number; batch?: number; window?: number; reconnect?: { initialDelayMs: number; maxDelayMs: number } };
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
  const hub = config.hub
    ? new HubService(config.hub, {
        journal,
        events,
        clientId: config.hub.clientId ?? hubClientId(config.siteCode),
        siteCode: config.siteCode,
        timeZone: config.timeZone,
        ...(options.hubPassphrase !== undefined ? { passphrase: options.hubPassphrase } : {}),
        ...(options.now ? { now: options.now } : {}),
        ...(options.hub?.sweepMs ? { sweepMs: options.hub.sweepMs } : {}),
        ...(options.hub?.batch ? { batch: options.hub.batch } : {}),
        ...(options.hub?.window ? { window: options.hub.window } : {}),
        ...(options.hub?.reconnect ? { reconnect: options.hub.reconnect } : {}),
      })
    : null;
  const api = createHandlerTable({ dossiers, addresses, journal, config, hub });

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
    dossiers,
    addresses,
    events,
    api,
    hub,
    startHub: async () => {
      await hub?.start();
    },
    close() {
      clearInterval(idle);
      const closeStorage = () => {
        addresses.close();
        journal.close();
      };
      // Without a Hub link the journal closes at once, as callers have always relied on.
      if (!hub) {
        closeStorage();
        return Promise.resolve();
      }
      return hub.close().then(closeStorage);
    },
  };
}
