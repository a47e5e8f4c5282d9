import { createHash } from 'node:crypto';
import { MAX_PULL_EVENTS, type PulledEvent, type SiteEvent, type SiteAppointment, type SiteHubState, type SiteTransmission } from '../../../shared/api/siteProtocol';
import { JOIN_STAGED_FROM_EVENTS, secondsLeft } from '../../../shared/domain/roomJoin';
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
  /** A new desk downloading the room (ROOM.md §4); null otherwise. */
  join: JoinStatus | null;
}

export interface JoinStatus {
  /** `open`: the accounts and the open dossiers (not usable yet); `history`: the rest of the log (usable). */
  stage: 'open' | 'history';
  received: number;
  total: number;
  secondsLeft: number | null;
  /** The history this desk holds reaches this instant (null: none yet); what came after, open dossiers aside, is missing. */
  historyThrough: string | null;
}

export interface SiteSyncDeps {
  journal: Journal;
  link: SiteLink;
  workstation: string;
  siteCode: string;
  now?: () => number;
  pushBatch?: number;
  pullPage?: number;
  /** A desk this many events behind at its first pull joins in two stages (open dossiers first); default JOIN_STAGED_FROM_EVENTS. */
  joinStagedFrom?: number;
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
  /** The join under way in this process: its first stage's size and the rate measured since it began here. */
  private joining: { stage: 'open' | 'history'; openTotal: number; since: { received: number; atMs: number } } | null = null;
  private joinChecked = false;
  private lastProgressReport = 0;

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
      join: this.joinStatus(),
    };
  }

  private joinReceived(): { received: number; total: number } {
    const rows = this.deps.journal.siteSync;
    const pulled = rows.pulledPos();
    const ahead = rows.receivedAfter(pulled);
    const openTotal = this.joining?.openTotal ?? 0;
    // The first stage's events, then every position of the log (those the first stage brought are skipped there).
    return { received: ahead + pulled, total: Math.max(openTotal, ahead) + Math.max(this.head, pulled) };
  }

  private joinStatus(): JoinStatus | null {
    if (!this.joining) return null;
    const { received, total } = this.joinReceived();
    const pulled = this.deps.journal.siteSync.pulledPos();
    return {
      stage: this.joining.stage,
      received,
      total,
      secondsLeft: secondsLeft({ received, total, since: this.joining.since, nowMs: this.now() }),
      historyThrough: pulled > 0 ? this.deps.journal.siteSync.atOfPos(pulled) : null,
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
  transmissions(dossierId: string, timeoutMs = 3_000): Promise<SiteTransmission[] | null> {
    return this.ask(() => this.deps.link.transmissions(dossierId).then((a) => a.transmissions), timeoutMs);
  }

  /** The room's SAS appointments no dossier holds yet, asked of the site; null while it cannot answer. */
  appointments(timeoutMs = 3_000): Promise<SiteAppointment[] | null> {
    return this.ask(() => this.deps.link.appointments().then((a) => a.appointments), timeoutMs);
  }

  /** A question for the screens: answered within `timeoutMs`, or null (the site away or slow). */
  private async ask<T>(question: () => Promise<T>, timeoutMs: number): Promise<T | null> {
    if (!this.deps.link.up) return null;
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<null>((resolve) => {
      timer = setTimeout(() => resolve(null), timeoutMs);
    });
    // A late answer is dropped, its failure too (no unhandled rejection once the timer won).
    const asked = question().then(
      (a) => a,
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
        await this.joinFirstStage();
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

  /**
   * A desk far behind at its first pull, or one killed during such a join (events received ahead
   * of the log), takes the accounts and the open dossiers first (ROOM.md §4); the log follows.
   * Once per process: a restart resumes from the last position the first stage received.
   */
  private async joinFirstStage(): Promise<void> {
    if (this.joinChecked) return;
    const { journal, link } = this.deps;
    const pulled = journal.siteSync.pulledPos();
    const ahead = journal.siteSync.lastReceivedPos();
    const resuming = ahead > pulled;
    if (!resuming && (pulled > 0 || this.head - pulled < (this.deps.joinStagedFrom ?? JOIN_STAGED_FROM_EVENTS))) {
      this.joinChecked = true;
      return;
    }
    const plan = await link.joinPlan(Math.max(ahead, pulled));
    this.head = Math.max(this.head, plan.upTo);
    const before = journal.siteSync.receivedAfter(pulled);
    this.joining = { stage: 'open', openTotal: before + plan.openEvents, since: { received: 0, atMs: this.now() } };
    this.joining.since.received = this.joinReceived().received;
    this.deps.log?.(`joining the room: ${plan.openEvents} event(s) of the accounts and ${plan.openDossiers} open dossier(s) first, then the log up to ${plan.upTo}`);
    this.report();
    const limit = this.pullLimit();
    await this.pages(
      (after) => link.pullOpen(after, plan.upTo, limit),
      Math.max(ahead, pulled),
      limit,
      (events) => journal.applyRemote(events, this.deps.workstation, 'openStage'),
      () => false,
    );
    this.joining.stage = 'history';
    this.joinChecked = true;
    this.report();
  }

  private pullLimit(): number {
    return Math.min(this.deps.pullPage ?? MAX_PULL_EVENTS, MAX_PULL_EVENTS);
  }

  private async pullAll(): Promise<void> {
    const { journal, link } = this.deps;
    const limit = this.pullLimit();
    await this.pages(
      (after) => link.pull(after, limit),
      journal.siteSync.pulledPos(),
      limit,
      (events) => journal.applyRemote(events, this.deps.workstation),
      (applied) => applied.pulledPos >= this.head,
    );
    if (this.joining && journal.siteSync.pulledPos() >= Math.max(this.head, journal.siteSync.lastReceivedPos())) {
      this.deps.log?.(`joined the room: the log is here up to ${journal.siteSync.pulledPos()}`);
      this.joining = null;
    }
  }

  /**
   * Pages of the site log, the next one asked before the current one is applied: the site reads
   * and sends while this desk writes (each page is one transaction of the journal).
   */
  private async pages(
    ask: (after: number) => Promise<{ events: PulledEvent[]; head: number }>,
    from: number,
    limit: number,
    apply: (events: PulledEvent[]) => RemoteApplied,
    caughtUp: (applied: RemoteApplied) => boolean,
  ): Promise<void> {
    let next = ask(from);
    for (;;) {
      const answer = await next;
      this.head = Math.max(this.head, answer.head);
      if (answer.events.length === 0) return;
      const full = answer.events.length >= limit;
      if (full) {
        next = ask(answer.events.at(-1)!.pos);
        // Asked ahead: when applying fails, nobody awaits it.
        next.catch(() => undefined);
      }
      const applied = apply(answer.events);
      this.deps.onApplied?.(applied);
      this.reportProgress();
      if (!full && caughtUp(applied)) return;
      if (!full) next = ask(answer.events.at(-1)!.pos);
    }
  }

  /** While joining, the progress bar moves a few times a second, not once per page. */
  private reportProgress(): void {
    if (!this.joining) return;
    const now = this.now();
    if (now - this.lastProgressReport < 250) return;
    this.lastProgressReport = now;
    this.report();
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
