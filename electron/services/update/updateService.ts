import { fail, ok, type Envelope } from '../../../shared/api/envelope';
import type { UpdateStatus } from '../../../shared/api/itSchemas';
import { verifyArtefact } from './artefactDownload';
import { artefactFor, fetchFeed, type FeedFile, type PackageKind } from './updateFeed';
import { decideUpdate, stagingBucket, stagingId } from './updateDecision';
import { UpdateProblem } from './updateProblem';
import { quietMoment } from './quietMoment';
import type { UpdatesConfig } from './updatesConfig';

export interface UpdateOffer {
  version: string;
  feedUrl: string;
  file: FeedFile;
}

/**
 * Who fetches and installs: electron-updater in the packaged app (electron/main/updater.ts, which
 * also checks the Windows publisher), plain HTTP elsewhere (httpUpdateAgent.ts, which cannot
 * install). Whatever it downloads is verified here against the feed before it is offered.
 */
export interface UpdateAgent {
  readonly canInstall: boolean;
  download(offer: UpdateOffer): Promise<string>;
  /** Quits and installs now (only at a quiet moment: the service checks). */
  install(file: string): void;
  /** Installs when the app quits, so the next start runs the new version. */
  installOnQuit(file: string): void;
}

export interface UpdateServiceDeps {
  config: UpdatesConfig | null;
  currentVersion: string;
  platform: NodeJS.Platform;
  packageKind: PackageKind;
  workstationId: string;
  agent: UpdateAgent;
  /** Calls ringing, on the line or on hold. */
  callsUp: () => number;
  fetch?: typeof fetch;
  now?: () => number;
  onStatus?: (status: UpdateStatus) => void;
  /** The first check, after start (default one minute: the post opens first). */
  firstCheckMs?: number;
}

/**
 * Updates as IT wants them: read the feed in the background, decide (hold, pin, rollout, never
 * down), download and verify, then offer. Installing waits for a quiet moment — no call up, no
 * unsaved dossier — and the operator's keystroke; otherwise it happens when the app quits.
 */
export class UpdateService {
  private current: UpdateStatus;
  private ready: { version: string; file: string } | null = null;
  private running: Promise<UpdateStatus> | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(private readonly deps: UpdateServiceDeps) {
    this.current = {
      state: deps.config ? 'idle' : 'disabled',
      current: deps.currentVersion,
      available: null,
      reason: null,
      detail: deps.config ? null : 'no updates section in the workstation configuration: IT deploys new versions itself',
      checkedAt: null,
      canInstall: deps.agent.canInstall,
    };
  }

  status(): UpdateStatus {
    return this.current;
  }

  /** Reads the feed now (one check at a time; a second caller shares the first one's result). */
  check(): Promise<UpdateStatus> {
    if (!this.deps.config) return Promise.resolve(this.current);
    this.running ??= this.runCheck(this.deps.config).finally(() => (this.running = null));
    return this.running;
  }

  apply(work: { unsavedWork: boolean }): Envelope<UpdateStatus> {
    if (!this.ready || this.current.state !== 'ready') return fail('E_UPDATE_NOT_READY', 'no verified update is waiting');
    const verdict = quietMoment({ callsUp: this.deps.callsUp(), unsavedWork: work.unsavedWork });
    if (!verdict.quiet) return fail('E_UPDATE_NOT_QUIET', verdict.reason === 'callUp' ? 'a call is up: the update waits' : 'a dossier is not saved: the update waits');
    if (!this.deps.agent.canInstall) return fail('E_UNAVAILABLE', 'this process cannot install (browser harness)');
    this.deps.agent.install(this.ready.file);
    return ok(this.current);
  }

  start(): void {
    if (!this.deps.config || this.timer) return;
    const every = this.deps.config.checkEveryMinutes * 60_000;
    const next = (delay: number) => {
      this.timer = setTimeout(() => void this.check().finally(() => next(every)), delay);
      this.timer.unref();
    };
    next(this.deps.firstCheckMs ?? 60_000);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private set(patch: Partial<UpdateStatus>): UpdateStatus {
    this.current = { ...this.current, ...patch };
    this.deps.onStatus?.(this.current);
    return this.current;
  }

  private async runCheck(config: UpdatesConfig): Promise<UpdateStatus> {
    const checkedAt = () => new Date(this.deps.now?.() ?? Date.now()).toISOString();
    // A verified update already waiting stays on offer whatever this check finds.
    const keep = (patch: Partial<UpdateStatus>) => (this.ready ? this.set({ checkedAt: checkedAt() }) : this.set({ ...patch, checkedAt: checkedAt() }));
    this.set({ state: this.ready ? 'ready' : 'checking' });
    try {
      if (this.deps.platform === 'win32' && config.publisherName.length === 0) {
        throw new UpdateProblem('noPublisher', 'updates.publisherName is empty: an installer whose signature cannot be checked is never run');
      }
      const feed = await fetchFeed(config.feedUrl, this.deps.platform, this.deps.fetch ? { fetch: this.deps.fetch } : {});
      const decision = decideUpdate(this.deps.currentVersion, feed, config, stagingBucket(stagingId(this.deps.workstationId)));
      if (!decision.offer) return keep({ state: decision.reason === 'lowerVersion' ? 'refused' : 'idle', reason: decision.reason, detail: decision.detail, available: null });
      if (this.ready?.version === decision.version) return this.set({ checkedAt: checkedAt() });
      const file = artefactFor(feed, this.deps.packageKind, config.feedUrl);
      this.set({ state: 'downloading', reason: null, detail: `${decision.version}: ${file.url}` });
      const downloaded = await this.deps.agent.download({ version: decision.version, feedUrl: config.feedUrl, file });
      await verifyArtefact(downloaded, file);
      this.ready = { version: decision.version, file: downloaded };
      this.deps.agent.installOnQuit(downloaded);
      return this.set({ state: 'ready', available: decision.version, reason: null, detail: downloaded, checkedAt: checkedAt() });
    } catch (error) {
      const problem = error instanceof UpdateProblem ? error : new UpdateProblem('installerFailed', (error as Error).message);
      return keep({ state: 'refused', reason: problem.problem, detail: problem.message, available: null });
    }
  }
}
