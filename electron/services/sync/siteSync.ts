import { createHash } from 'node:crypto';
import { MAX_PULL_EVENTS, type PulledEvent, type SiteEvent, type SiteHubState, type SiteTransmission } from '../../../shared/api/siteProtocol';
import type { Journal, RemoteApplied } from '../journal/journal';
import type { PendingPush } from '../journal/queries/siteSync';
import { SiteUnavailable, type SiteLink } from './siteLink';

export interface SiteSyncStatus {
  state: 'connecting' | 'online' | 'offline';
  /** Since when the site is unreachable (null while online, or before the first attempt failed). */
  offlineSince: string | null;
  /** Own events committed here, not yet confirmed by the site. */
  pending: number;
  /** Own events the site refused (kept here, untouched). */
  refused: number;
  pulledPos: number;
  head: number;
}

export interface SiteSyncDeps {
  journal: Journal;
  link: SiteLink;
  workstation: string;
  siteCode: string;
  now?: () => number;
  pushBatch?: number;
  pullPage?: number;
  /** Told after each page of the site log applied here (the services refresh the screens). */
  onApplied?: (applied: RemoteApplied) => void;
  onStatus?: (status: SiteSyncStatus) => void;
  /** The site told a new Hub state, or the link to the site went up or down (the state may be stale now). */
  onHub?: () => void;
  log?: (line: string) => void;
}

/** The room's Hub as this desk last heard it from the site. */
export interface HeardHub {
  /** null: the site said it has no Hub (or has not said yet: `heardAt` null). */
  state: SiteHubState | null;
  /** When this desk last heard it (desk clock); null: never since start. */
  heardAt: string | null;
}

/** The same events give the same batch id: a retry after a lost answer is not taken for a replay. */
export function batchIdOf(ids: readonly string[]): string {
  const h = createHash('sha256').update(ids.join(',')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16]!, 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/**
 * The desk's side of ROOM.md §2: push the own events the site has not confirmed, in order and in
 * batches; then pull the site log from the last position applied, in pages, into the journal.
 * Kicked by every local commit, by the site's "new head" notices and by the link coming back;
 * one cycle at a time; it never holds up a command (everything is committed locally first).
 */
export class SiteSync {
  private state: SiteSyncStatus['state'] = 'connecting';
  private offlineSince: string | null = null;
  private head = 0;
  private running: Promise<void> | null = null;
  private stopped = false;
  private again = false;
  private readonly now: () => number;
  private hub: HeardHub = { state: null, heardAt: null };

  constructor(private readonly deps: SiteSyncDeps) {
    this.now = deps.now ?? Date.now;
    deps.link.onHub = (state) => {
      this.hub = { state, heardAt: new Date(this.now()).toISOString() };
      this.deps.onHub?.();
    };
    deps.link.onUp = (head) => {
      this.state = 'online';
      this.offlineSince = null;
      this.head = Math.max(this.head, head);
      this.kick();
    };
    deps.link.onDown = () => {
      if (this.state !== 'offline') this.offlineSince = new Date(this.now()).toISOString();
      this.state = 'offline';
      this.report();
      this.deps.onHub?.();
    };
    deps.link.onHead = (head, events) => {
      this.head = Math.max(this.head, head);
      if (events && events.length > 0) this.applyAnnounced(events);
      if (this.head > this.deps.journal.siteSync.pulledPos()) this.kick();
    };
  }

  start(): void {
    this.deps.link.start();
  }

  stop(): void {
    // The journal closes right after: nothing here may touch it any more.
    this.stopped = true;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.deps.link.stop();
  }

  status(): SiteSyncStatus {
    return {
      state: this.state,
      offlineSince: this.offlineSince,
      pending: this.deps.journal.siteSync.pendingCount(),
      refused: this.deps.journal.siteSync.refusedCount(),
      pulledPos: this.deps.journal.siteSync.pulledPos(),
      head: this.head,
    };
  }

  /** What the site last said about the room's Hub link. */
  heardHub(): HeardHub {
    return this.hub;
  }

  /** The services' clock, as this sync reads it (staleness is judged on the clock that stamped heardAt). */
  nowMs(): number {
    return this.now();
  }

  /** The room's messages about a dossier, asked of the site; null while it cannot answer. */
  async transmissions(dossierId: string, timeoutMs = 3_000): Promise<SiteTransmission[] | null> {
    if (!this.deps.link.up) return null;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), timeoutMs);
    });
    // A late answer is dropped, its failure too (no unhandled rejection once the timer won).
    const asked = this.deps.link.transmissions(dossierId).then(
      (a) => a.transmissions,
      () => null,
    );
    try {
      return await Promise.race([asked, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** A local commit, a notice or the link back: run a cycle (or one more after the current one). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => {
      this.running = null;
    });
  }

  /** Tests and the bench: resolves once no cycle runs. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      if (!this.deps.link.up || this.stopped) break;
      try {
        await this.pushAll();
        // Every new head is announced while the link is up (the welcome tells the head on each link): nothing newer to pull.
        if (this.deps.journal.siteSync.pulledPos() < this.head) await this.pullAll();
      } catch (error) {
        if (!(error instanceof SiteUnavailable)) this.deps.log?.(`site sync: ${(error as Error).message}`);
        // The link redials and kicks again when it is back; a site up but without its database is retried.
        if (this.deps.link.up) this.retryLater();
        break;
      } finally {
        this.report();
      }
    } while (this.again);
  }

  /**
   * The events a notice carried, applied as a pulled page would be, when they follow on from what
   * this desk has: the save at another desk shows here without a pull's round trip. Otherwise (a
   * gap, this desk catching up) the pull fetches them.
   */
  private applyAnnounced(events: readonly PulledEvent[]): void {
    if (this.stopped || events[0]!.pos !== this.deps.journal.siteSync.pulledPos() + 1) return;
    try {
      const applied = this.deps.journal.applyRemote(events, this.deps.workstation);
      this.deps.onApplied?.(applied);
    } catch (error) {
      // The pull tries again, and reports.
      this.deps.log?.(`site sync: ${(error as Error).message}`);
      return;
    }
    this.report();
  }

  private toSiteEvent(row: PendingPush): SiteEvent {
    return {
      id: row.id,
      site: this.deps.siteCode,
      workstation: row.workstation,
      dossierId: row.dossier_id,
      type: row.type,
      payload: row.payload,
      actorId: row.actor_id,
      actorRole: row.actor_role,
      at: row.at,
      hlc: row.hlc,
      corrects: row.corrects,
    };
  }

  private async pushAll(): Promise<void> {
    const { journal, link } = this.deps;
    for (;;) {
      const rows = journal.siteSync.pending(this.deps.pushBatch ?? 200);
      if (rows.length === 0) return;
      const events = rows.map((r) => this.toSiteEvent(r));
      const answer = await link.push(batchIdOf(events.map((e) => e.id)), events);
      this.head = Math.max(this.head, answer.head);
      const confirmed = answer.results.filter((r) => r.status !== 'refused').map((r) => r.id);
      const refused = answer.results.filter((r) => r.status === 'refused').map((r) => ({ id: r.id, code: r.code ?? 'E_REFUSED', reason: r.reason ?? '' }));
      journal.siteSync.settle(confirmed, refused, new Date(this.now()).toISOString());
      for (const r of refused) this.deps.log?.(`site refused ${r.id}: ${r.code} ${r.reason}`);
    }
  }

  private async pullAll(): Promise<void> {
    const { journal, link } = this.deps;
    const limit = Math.min(this.deps.pullPage ?? 1000, MAX_PULL_EVENTS);
    for (;;) {
      const after = journal.siteSync.pulledPos();
      const answer = await link.pull(after, limit);
      this.head = Math.max(this.head, answer.head);
      if (answer.events.length === 0) return;
      const applied = journal.applyRemote(answer.events, this.deps.workstation);
      this.deps.onApplied?.(applied);
      if (applied.pulledPos >= this.head && answer.events.length < limit) return;
    }
  }

  private retryTimer: NodeJS.Timeout | null = null;

  private retryLater(): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      this.kick();
    }, 500);
    this.retryTimer.unref?.();
  }

  private report(): void {
    if (this.stopped) return;
    this.deps.onStatus?.(this.status());
  }
}
