import { IndicatorService } from './indicators/indicatorService';
import { isLive } from '../../shared/domain/callState';
import { hubClientId } from '../../shared/domain/localNumber';
import { SYSTEM_ACTOR } from '../../shared/domain/roles';
import { CHAIN_SLICE_EVENTS, createHandlerTable, type HandlerTable } from './api';
import { AuthService } from './auth/authService';
import { PscSignIn } from './auth/psc/pscSignIn';
import type { ScryptParams } from './auth/passwords';
import { WaitEscalationService } from './regulation/waitEscalationService';
import { ManualLocationService } from './geo/manualLocationService';
import { CallbackService } from './regulation/callbackService';
import { RegulationService } from './regulation/regulationService';
import { ReportService, type ReportPrinter } from './regulation/reportService';
import { journalPathFor, type WorkstationConfig } from './config/workstationConfig';
import { DossierService } from './dossiers/dossierService';
import { EventBus } from './eventBus';
import { ReferencePacks } from './reference/referencePacks';
import { SlotSearch } from './orientation/slotSearch';
import { PharmacyService } from './orientation/pharmacyService';
import { PractitionerDirectory } from './orientation/practitionerDirectory';
import { AddressService } from './geo/addressService';
import { HubService } from './hub/hubService';
import { ShareService } from './hub/shareService';
import { startHousekeeping } from './journal/housekeeping';
import { Journal } from './journal/journal';
import type { MediaPort } from './telephony/mediaPort';
import { RendererMediaPort } from './telephony/rendererMediaPort';
import { MemorySecretStore, type SecretStore } from './telephony/secretStore';
import { Softphone } from './telephony/softphone';
import type { ConfigProvenance } from '../../shared/api/itSchemas';
import { join } from 'node:path';
import { givenConfigProvenance } from './config/provenance';
import { LanguageChoice } from './config/languageChoice';
import type { Language } from '../../shared/i18n';
import { HttpUpdateAgent } from './update/httpUpdateAgent';
import { dossierNotices } from './sync/appliedNotices';
import { SiteLink } from './sync/siteLink';
import { SiteSync } from './sync/siteSync';
import { siteStatusView } from './sync/siteStatusView';
import { roomHubStatus } from './sync/roomHubStatus';
import type { PackageKind } from './update/updateFeed';
import { UpdateService, type UpdateAgent } from './update/updateService';

export interface Services {
  readonly config: WorkstationConfig;
  readonly journal: Journal;
  readonly auth: AuthService;
  readonly dossiers: DossierService;
  /** "Partager avec…": the only way a dossier of ours reaches a Hub partner. */
  readonly shares: ShareService;
  readonly regulation: RegulationService;
  readonly callbacks: CallbackService;
  /** The supervisor's figures and live floor (issue 15). */
  readonly indicators: IndicatorService;
  readonly addresses: AddressService;
  readonly packs: ReferencePacks;
  readonly pharmacies: PharmacyService;
  readonly practitioners: PractitionerDirectory;
  readonly slots: SlotSearch;
  readonly events: EventBus;
  /** The automatic transitions and escalations due now (also run every TICK_MS). */
  tick(): void;
  readonly api: HandlerTable;
  /** Null when the workstation configuration has no `telephony` section. */
  readonly telephony: Softphone | null;
  /** Ends the calls and un-REGISTERs (awaitable); close() also does it, without waiting for the network. */
  stopTelephony(): Promise<void>;
  /** Null when the configuration has no Hub Santé section. */
  readonly hub: HubService | null;
  /** The room's sync with the site service; null without a `site` section (a standalone desk). */
  readonly site: SiteSync | null;
  /** Pro Santé Connect sign-in; null when the configuration has no `psc` section. */
  readonly psc: PscSignIn | null;
  /** Connects to Hub Santé (in the background); a no-op without a Hub configuration. */
  startHub(): Promise<void>;
  readonly updates: UpdateService;
  /** The screens' language: the operators' last choice on this post, else the configured one. */
  language(): Language;
  close(): Promise<void>;
}

export interface ServiceOptions {
  now?: () => number;
  /** For tests of the address service against a local stand-in. */
  fetch?: typeof fetch;
  busyTimeoutMs?: number;
  /** Where the SIP password and the PSC client's credential are kept: safeStorage in Electron, memory elsewhere. */
  secrets?: SecretStore;
  /** Media for the softphone: the renderer bridge by default; a fake under Node tests. */
  media?: MediaPort;
  /** Softphone log and SIP trace sink. */
  sipLog?: (line: string) => void;
  /** Every SIP message crossing the softphone's transport (see SoftphoneDeps.sipTrace). */
  sipTrace?: (direction: 'in' | 'out', message: string) => void;
  /** Start registering at once (default true). */
  startTelephony?: boolean;
  /** Prints dossier reports to PDF (Electron's main process); absent elsewhere. */
  reportPrinter?: ReportPrinter;
  /** Cheaper password hashing for tests (the parameters are stored with each hash). */
  scryptParams?: ScryptParams;
  /** Tests: the site link's backoff, and whether to dial at once (default true). */
  site?: { backoff?: { initialMs: number; maxMs: number }; start?: boolean };
  /** PKCS#12 pass phrase for the Hub client certificate, when the secret store has none (tests). */
  hubPassphrase?: string;
  /** Tests: Hub housekeeping period and reconnect back-off. */
  hub?: { sweepMs?: number; batch?: number; window?: number; reconnect?: { initialDelayMs: number; maxDelayMs: number } };
  /** Where each setting came from (the app resolves it from the files; default: given as is). */
  provenance?: ConfigProvenance;
  /** The running version and how it was installed (the packaged app knows; default: a development version). */
  app?: { version: string; packageKind: PackageKind; platform?: NodeJS.Platform };
  /** electron-updater in the packaged app; plain HTTP (download and verify only) elsewhere. */
  updateAgent?: UpdateAgent;
  /** What the login screen advises for the first account: the packaged app's own flag, or the npm script of a checkout. */
  firstAdminCommand?: string;
}

export const NPM_FIRST_ADMIN = 'npm run operator:add -- --config <workstation.json> --login <login> --name "<nom>" --role ADMIN';

const TICK_MS = 30_000;

/** Outside the packaged app (harness, tests) no installed version exists: any feed version is newer. */
const DEV_VERSION = '0.0.0-dev';

const IDLE_CHECKPOINT_MS = 30_000;

/**
 * The composition root, shared by Electron's main process and the test harness: the same
 * services, wired the same way, whichever transport carries the requests.
 */
export function createServices(config: WorkstationConfig, options: ServiceOptions = {}): Services {
  // Set once the sync exists: the journal tells it about every commit (it pushes in the background).
  let site: SiteSync | null = null;
  const journal = Journal.open(journalPathFor(config), {
    workstation: config.workstationId,
    ...(config.site ? { siteSync: true, afterCommit: () => setImmediate(() => site?.kick()) } : {}),
    hubClientId: hubClientId(config.siteCode),
    // The indicator rollups are cut in site-local hours.
    timeZone: config.timeZone,
    ...(options.now ? { now: options.now } : {}),
    ...(options.busyTimeoutMs !== undefined ? { busyTimeoutMs: options.busyTimeoutMs } : {}),
  });
  const events = new EventBus();
  const now = options.now ? { now: options.now } : {};
  const auth = new AuthService({ journal, roomAccounts: config.site !== null && config.site !== undefined, autoLockMinutes: config.autoLockMinutes, lockoutMinutes: config.lockoutMinutes, ...now, ...(options.scryptParams ? { scryptParams: options.scryptParams } : {}) });
  const actor = () => auth.actor();
  const dossiers = new DossierService({
    journal,
    events,
    siteCode: config.siteCode,
    timeZone: config.timeZone,
    p3CallbackMinutes: config.p3CallbackMinutes,
    deskNumber: config.site?.deskNumber ?? null,
    actor,
    // The softphone is built below: by the time a dossier takes a call, it exists (or never will).
    callAttached: (call) => telephony?.attached(call),
    ...now,
  });
  const secrets = options.secrets ?? new MemorySecretStore();
  const psc = config.psc ? new PscSignIn({ config: config.psc, auth, secrets, ...now }) : null;
  const regulation = new RegulationService({ journal, events, dossiers, authentication: () => auth.authentication(), requirePscForDecisions: config.psc?.requiredForDecisions ?? false, ...now });
  const callbacks = new CallbackService({ journal, events, actor, lostCallDueMinutes: config.lostCallDueMinutes, ...now });
  const waits = new WaitEscalationService({ journal, events, limits: config.queueLimitsMinutes, byBranch: config.queueLimitsByBranch, ...now });
  const reports = new ReportService({ journal, siteName: config.siteName, timeZone: config.timeZone, chainSliceEvents: CHAIN_SLICE_EVENTS, ...now, ...(options.reportPrinter ? { printer: options.reportPrinter } : {}) });
  const addresses = new AddressService({ dataDir: config.dataDir, banBaseUrl: config.geo.banBaseUrl, timeoutMs: config.geo.timeoutMs, ...(options.fetch ? { fetch: options.fetch } : {}) });
  const packs = new ReferencePacks({ dataDir: config.dataDir, timeZone: config.timeZone, maxAgeDays: config.referencePacks.maxAgeDays });
  const manualLocations = new ManualLocationService({ addresses, dossiers });
  const communeCentre = (inseeCode: string) => manualLocations.communeCentre(inseeCode);
  const pharmacies = new PharmacyService({ journal, dossiers, packs, timeZone: config.timeZone, communeCentre, ...now });
  const practitioners = new PractitionerDirectory({ packs, timeZone: config.timeZone, ...now });
  const slots = new SlotSearch({ journal, events, config: config.agendas, communeCentre, ...now });
  // Calls ring whether or not someone is signed in (a locked position still journals a lost call).
  const telephonyActor = () => (auth.current() ? auth.actor() : SYSTEM_ACTOR);
  let rendererMedia: RendererMediaPort | null = null;
  let telephony: Softphone | null = null;
  if (config.telephony) {
    const media = options.media ?? (rendererMedia = new RendererMediaPort((request) => events.emit('media:request', request), config.telephony.mediaTimeoutMs));
    telephony = new Softphone({
      config: config.telephony,
      journal,
      events,
      secrets,
      media,
      actor: telephonyActor,
      lostCalls: callbacks,
      ...(options.now ? { now: options.now } : {}),
      ...(options.sipLog ? { log: options.sipLog } : {}),
      ...(options.sipTrace ? { sipTrace: options.sipTrace } : {}),
    });
    if (options.startTelephony !== false) void telephony.start();
  }

  // In a room the site is the SAMU's one Hub client (ROOM.md §5): a desk that opened its own
  // would consume the site's queues and take partners' messages and receipts away from it.
  if (config.hub && config.site) console.warn('[hub] this desk syncs with a site: the site talks to Hub Santé, the hub section here is not used');
  const hub = config.hub && !config.site
    ? new HubService(config.hub, {
        journal,
        events,
        clientId: config.hub.clientId ?? hubClientId(config.siteCode),
        siteCode: config.siteCode,
        timeZone: config.timeZone,
        secrets,
        ...(options.hubPassphrase !== undefined ? { passphrase: options.hubPassphrase } : {}),
        ...(options.now ? { now: options.now } : {}),
        ...(options.hub?.sweepMs ? { sweepMs: options.hub.sweepMs } : {}),
        ...(options.hub?.batch ? { batch: options.hub.batch } : {}),
        ...(options.hub?.window ? { window: options.hub.window } : {}),
        ...(options.hub?.reconnect ? { reconnect: options.hub.reconnect } : {}),
      })
    : null;
  // In a room the Hub status is the site's as heard here, plus this desk's messages not yet at the
  // site: told to the screens when either changes (at most four times a second, like a desk's own client).
  let roomHubTimer: NodeJS.Timeout | null = null;
  let roomHubWatch: NodeJS.Timeout | null = null;
  let roomClosed = false;
  const roomHubChanged = () => {
    if (roomHubTimer || roomClosed) return;
    roomHubTimer = setTimeout(() => {
      roomHubTimer = null;
      if (site && !roomClosed) events.emit('hub:status', roomHubStatus(site, journal.outbox));
    }, 250);
    roomHubTimer.unref();
  };
  if (config.site) {
    site = new SiteSync({
      journal,
      link: new SiteLink({ url: config.site.url, workstation: config.workstationId, tls: config.site.tls, ...(options.site?.backoff ? { backoff: options.site.backoff } : {}) }),
      workstation: config.workstationId,
      siteCode: config.siteCode,
      ...now,
      // Other desks' events reach this desk's screens as its own do.
      onApplied: (applied) => {
        const notices = dossierNotices(applied);
        if (notices.kind === 'many') events.emit('dossiers:changed', { count: notices.count, seq: journal.lastSeq() });
        else {
          for (const dossierId of notices.dossierIds) {
            const dossier = journal.dossiers.get(dossierId);
            if (dossier) events.emit('dossier:changed', { dossierId, seq: dossier.lastSeq });
          }
        }
        for (const callbackId of applied.callbackIds) events.emit('callback:changed', { callbackId, seq: journal.lastSeq() });
        // One escalation per room (the site overrules the later copies): whichever desk wrote it, every desk alerts.
        for (const { seq, payload } of applied.escalations) {
          const dossier = journal.dossiers.get(payload.dossierId);
          if (dossier) events.emit('queue:escalated', { ...payload, localNumber: dossier.localNumber, seq });
        }
        // A deactivation made on another desk ends that operator's session here too.
        auth.endSessionsOfDeactivated(applied.operatorIds);
        callbacks.withdrawAnsweredElsewhere(applied.callIds);
      },
      onStatus: () => {
        events.emit('site:status', siteStatusView(site, journal, config.workstationId));
        roomHubChanged();
      },
      onHub: roomHubChanged,
      log: (line) => console.warn(`[site] ${line}`),
    });
    if (options.site?.start !== false) site.start();
    // A site that stops telling its Hub state while its link stays up (its database away) goes stale without any event.
    roomHubWatch = setInterval(roomHubChanged, 10_000);
    roomHubWatch.unref();
  }
  const updates = new UpdateService({
    config: config.updates,
    currentVersion: options.app?.version ?? DEV_VERSION,
    platform: options.app?.platform ?? process.platform,
    packageKind: options.app?.packageKind ?? (process.platform === 'win32' ? 'nsis' : 'deb'),
    workstationId: config.workstationId,
    agent: options.updateAgent ?? new HttpUpdateAgent({ dir: join(config.dataDir, 'updates'), ...(options.fetch ? { fetch: options.fetch } : {}) }),
    callsUp: () => telephony?.list().filter((call) => call.state !== 'ended').length ?? 0,
    ...(options.fetch ? { fetch: options.fetch } : {}),
    ...now,
    onStatus: (status) => events.emit('update:status', status),
  });
  const provenance = options.provenance ?? givenConfigProvenance(config);
  const languageChoice = new LanguageChoice(config.dataDir);
  const indicators = new IndicatorService({
    journal,
    siteName: config.siteName,
    workstationId: config.workstationId,
    queueLimitsMinutes: config.queueLimitsMinutes,
    ...now,
    ...(options.reportPrinter ? { printer: options.reportPrinter } : {}),
    floor: {
      // Standalone, the floor is this post: its session, its calls (a room adds the others).
      session: () => {
        const operator = auth.current();
        return operator ? { operatorId: operator.id, displayName: operator.displayName, role: operator.role, locked: false } : null;
      },
      ...(config.site
        ? {
            otherPosts: () =>
              [...journal.roomSessions.current()]
                .filter(([post]) => post !== config.workstationId)
                .sort(([a], [b]) => a.localeCompare(b))
                // A sign-in pulled after this desk's own deactivation of the account (journal order is not site order) is no session.
                .filter(([, s]) => journal.operators.byId(s.operatorId)?.active === true)
                .map(([post, s]) => {
                  const operator = journal.operators.byId(s.operatorId)!;
                  return { post, operator: { operatorId: operator.id, displayName: operator.displayName, role: operator.role, locked: s.locked } };
                }),
          }
        : {}),
      liveCalls: () => telephony?.list().filter(isLive) ?? [],
      queue: () => {
        const queue = dossiers.queue();
        return queue.ok ? queue.value.entries : [];
      },
      telephony: () => ({ configured: telephony !== null, registered: telephony?.getStatus().state === 'registered' }),
      hub: () => {
        // In a room the site is the Hub client: its state as heard here (connected only while current).
        const status = hub?.status() ?? (site ? roomHubStatus(site, journal.outbox) : undefined);
        return { configured: status?.configured ?? false, connected: status?.connected ?? false, waiting: status?.waiting ?? 0, failed: status?.failed ?? 0 };
      },
    },
  });
  const shares = new ShareService({
    journal,
    dossiers,
    partners: config.hub?.partners ?? [],
    ctx: { clientId: config.hub?.clientId ?? hubClientId(config.siteCode), timeZone: config.timeZone },
    actor,
  });
  const api = createHandlerTable({ auth, dossiers, shares, regulation, callbacks, reports, indicators, addresses, manualLocations, packs, pharmacies, practitioners, slots, journal, config, telephony, media: rendererMedia, actor: telephonyActor, hub, site, dossierChanged: (dossierId, seq) => events.emit('dossier:changed', { dossierId, seq }), updates, provenance, firstAdminCommand: options.firstAdminCommand ?? NPM_FIRST_ADMIN, psc, languageChoice });

  const tick = () => {
    try {
      regulation.tick();
      callbacks.tick();
      waits.tick();
      // Also locks an idle session when nobody sends any request.
      auth.status();
    } catch (error) {
      // A full or locked journal must not crash the services: the next tick tries again.
      console.error('[tick] failed', error);
    }
  };
  const ticker = setInterval(tick, TICK_MS);
  ticker.unref();

  // The journal's own upkeep: idle checkpoints and the sliced first walk of the hash chain.
  const housekeeping = startHousekeeping(journal, { idleCheckpointMs: IDLE_CHECKPOINT_MS, chainSliceEvents: CHAIN_SLICE_EVENTS });

  return {
    config,
    journal,
    indicators,
    auth,
    dossiers,
    shares,
    regulation,
    callbacks,
    addresses,
    packs,
    pharmacies,
    practitioners,
    slots,
    events,
    api,
    telephony,
    stopTelephony: () => telephony?.stop() ?? Promise.resolve(),
    tick,
    hub,
    site,
    psc,
    startHub: async () => {
      await hub?.start();
    },
    updates,
    language: () => languageChoice.get() ?? config.language,
    close() {
      roomClosed = true;
      if (roomHubTimer) clearTimeout(roomHubTimer);
      if (roomHubWatch) clearInterval(roomHubWatch);
      site?.stop();
      updates.stop();
      housekeeping.stop();
      clearInterval(ticker);
      psc?.close();
      void telephony?.stop();
      const closeStorage = () => {
        addresses.close();
        pharmacies.close();
        practitioners.close();
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
