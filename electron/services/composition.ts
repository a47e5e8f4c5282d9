import { hubClientId } from '../../shared/domain/localNumber';
import { createHandlerTable, type HandlerTable } from './api';
import { journalPathFor, type WorkstationConfig } from './config/workstationConfig';
import { DossierService } from './dossiers/dossierService';
import { EventBus } from './eventBus';
import { AddressService } from './geo/addressService';
import { Journal } from './journal/journal';
import type { MediaPort } from './telephony/mediaPort';
import { RendererMediaPort } from './telephony/rendererMediaPort';
import { MemorySecretStore, type SecretStore } from './telephony/secretStore';
import { Softphone } from './telephony/softphone';

export interface Services {
  readonly config: WorkstationConfig;
  readonly journal: Journal;
  readonly dossiers: DossierService;
  readonly addresses: AddressService;
  readonly events: EventBus;
  readonly api: HandlerTable;
  /** Null when the workstation configuration has no `telephony` section. */
  readonly telephony: Softphone | null;
  /** Ends the calls and un-REGISTERs (awaitable); close() also does it, without waiting for the network. */
  stopTelephony(): Promise<void>;
  close(): void;
}

export interface ServiceOptions {
  now?: () => number;
  /** For tests of the address service against a local stand-in. */
  fetch?: typeof fetch;
  busyTimeoutMs?: number;
  /** Where the SIP password is kept: safeStorage in Electron, memory elsewhere. */
  secrets?: SecretStore;
  /** Media for the softphone: the renderer bridge by default; a fake under Node tests. */
  media?: MediaPort;
  /** Softphone log and SIP trace sink. */
  sipLog?: (line: string) => void;
  /** Every SIP message crossing the softphone's transport (see SoftphoneDeps.sipTrace). */
  sipTrace?: (direction: 'in' | 'out', message: string) => void;
  /** Start registering at once (default true). */
  startTelephony?: boolean;
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
  const actor = () => ({ id: `poste:${config.workstationId}`, role: 'ARM' });
  let rendererMedia: RendererMediaPort | null = null;
  let telephony: Softphone | null = null;
  if (config.telephony) {
    const media = options.media ?? (rendererMedia = new RendererMediaPort((request) => events.emit('media:request', request), config.telephony.mediaTimeoutMs));
    telephony = new Softphone({
      config: config.telephony,
      journal,
      events,
      secrets: options.secrets ?? new MemorySecretStore(),
      media,
      actor,
      ...(options.now ? { now: options.now } : {}),
      ...(options.sipLog ? { log: options.sipLog } : {}),
      ...(options.sipTrace ? { sipTrace: options.sipTrace } : {}),
    });
    if (options.startTelephony !== false) void telephony.start();
  }
  const api = createHandlerTable({ dossiers, addresses, journal, config, telephony, media: rendererMedia, actor });

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
    telephony,
    stopTelephony: () => telephony?.stop() ?? Promise.resolve(),
    close() {
      clearInterval(idle);
      void telephony?.stop();
      addresses.close();
      journal.close();
    },
  };
}
