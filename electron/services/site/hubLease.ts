import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import { performance } from 'node:perf_hooks';
import pg from 'pg';

/**
 * The Hub Santé lease (ROOM.md §5): of the site instances sharing one PostgreSQL, exactly one is
 * the SAMU's Hub client at a time — it drains the room's outbox and owns the inbox.
 *
 * A lease row, not a session advisory lock. An advisory lock lives as long as its session, and
 * PostgreSQL notices a partitioned client only when TCP keepalive gives up (hours by default):
 * meanwhile the cut-off holder still believes it holds the lock and nobody can take over. The
 * row carries an expiry on the database's clock, so a dead or partitioned holder is replaced once
 * it has stopped renewing, whatever state its connection is in; and a fencing token, raised by
 * every take-over, so a holder that wakes up late (paused, swapped out, partitioned) is refused.
 *
 * - The holder renews every `heartbeatMs`; it holds the lease for `ttlMs` from each renewal, on
 *   the database's clock. It stops believing it holds it `marginMs` before that, on its own
 *   monotonic clock counted from the moment the renewal was *sent*, so it has stepped down before
 *   anyone may take over, even cut off from the database.
 * - The others try to take it every `heartbeatMs`: a dead holder is replaced within
 *   `ttlMs + heartbeatMs` of its last renewal (5 + 1 s by default, the room asks for 10 s).
 * - Every Hub send goes through {@link HubLease.fenced}: in one transaction it locks the lease row
 *   in key-share mode and checks the token and the expiry, runs the send, then commits. A take-over
 *   locks that row FOR UPDATE first, so it waits for sends in flight; a stale token is refused
 *   before sending. The holder's own renewal (an UPDATE of non-key columns) does not conflict with
 *   a key-share lock: a long send — a backlog published on a loaded machine — no longer holds
 *   back the renewal that keeps its sender the holder (with FOR SHARE it did, and the holder
 *   stepped down in the middle of its own sends, term after term).
 *   Writes made through the fence's transaction (the site's own bookkeeping) are exactly fenced;
 *   an AMQP publish cannot check a token itself, so the one window left — a holder frozen between
 *   the check and the socket write — can only repeat a message with the same distributionID,
 *   which the Hub and partners treat as the same message.
 */

export const HUB_LEASE_NAME = 'hub';

/**
 * The lease's tables. In the site service they are one of its numbered schema steps; alone (the
 * tests, a tool) {@link installHubLeaseSchema} creates them.
 */
export const HUB_LEASE_SCHEMA_SQL = `
  -- One row per lease. The token only ever grows: each take-over starts a new term.
  CREATE TABLE IF NOT EXISTS hub_lease (
    name         text        PRIMARY KEY,
    holder       text,
    token        bigint      NOT NULL DEFAULT 0,
    acquired_at  timestamptz,
    renewed_at   timestamptz,
    expires_at   timestamptz NOT NULL DEFAULT '-infinity'
  );
  -- Every term, for the supervisor and the post-mortem: who held the Hub, from when to when, why it ended.
  CREATE TABLE IF NOT EXISTS hub_lease_terms (
    name         text        NOT NULL,
    token        bigint      NOT NULL,
    holder       text        NOT NULL,
    acquired_at  timestamptz NOT NULL,
    ended_at     timestamptz,
    end_reason   text        CHECK (end_reason IN ('expired', 'released')),
    PRIMARY KEY (name, token)
  );
  INSERT INTO hub_lease (name) VALUES ('${HUB_LEASE_NAME}') ON CONFLICT (name) DO NOTHING;
`;

/** Two site instances starting at once: one creates the tables, the other waits and finds them. */
export async function installHubLeaseSchema(client: pg.ClientBase): Promise<void> {
  await client.query('BEGIN');
  try {
    // Advisory keys are database-wide (lab pitfall 14): the two-int form, with a key of our own.
    await client.query('SELECT pg_advisory_xact_lock(1346458689, 1)');
    await client.query(HUB_LEASE_SCHEMA_SQL);
    await client.query('COMMIT');
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}

export class LeaseLostError extends Error {
  readonly code = 'E_HUB_LEASE_LOST';
  constructor(message: string) {
    super(message);
    this.name = 'LeaseLostError';
  }
}

export interface HubLeaseOptions {
  /** Where the site's PostgreSQL is (host, port, user, database, password, ssl). */
  connection: pg.ClientConfig;
  /** This instance, as the lease row and the terms show it. Default: host:pid:random. */
  holderId?: string;
  name?: string;
  ttlMs?: number;
  heartbeatMs?: number;
  marginMs?: number;
  /** Sends in flight at once through {@link HubLease.fenced}. */
  fenceConnections?: number;
  /** Monotonic milliseconds; a test may stop this clock to play a holder that does not know it lost. */
  now?: () => number;
  onAcquired?: (token: number) => void;
  onLost?: (token: number, reason: string) => void;
}

/** What a fenced send may use: its transaction, which commits only if the lease is still ours. */
export interface FenceTransaction {
  readonly token: number;
  query<R extends pg.QueryResultRow = pg.QueryResultRow>(text: string, values?: unknown[]): Promise<pg.QueryResult<R>>;
}

export interface HubLeaseStatus {
  holderId: string;
  holding: boolean;
  token: number | null;
  /** Monotonic ms until this instance steps down unless renewed; null when not holding. */
  validForMs: number | null;
  lastError: string | null;
}

export interface LeaseRow {
  holder: string | null;
  token: number;
  live: boolean;
}

const DEFAULTS = { ttlMs: 5_000, heartbeatMs: 1_000, marginMs: 1_000, fenceConnections: 4 };

// bigint (token) comes back as a string by default (lab pitfall 15); our tokens stay far below 2^53.
const parseToken = (value: unknown): number => Number(value);

export class HubLease {
  readonly holderId: string;
  private readonly name: string;
  private readonly ttlMs: number;
  private readonly heartbeatMs: number;
  private readonly marginMs: number;
  private readonly now: () => number;
  private readonly fencePool: pg.Pool;
  private heart: pg.Client | null = null;
  private heartConnecting: Promise<pg.Client> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private expiryTimer: NodeJS.Timeout | null = null;
  private ticking: Promise<void> | null = null;
  private stopped = true;
  private heldToken: number | null = null;
  private validUntil = 0;
  private lastError: string | null = null;

  constructor(private readonly options: HubLeaseOptions) {
    this.holderId = options.holderId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
    this.name = options.name ?? HUB_LEASE_NAME;
    this.ttlMs = options.ttlMs ?? DEFAULTS.ttlMs;
    this.heartbeatMs = options.heartbeatMs ?? DEFAULTS.heartbeatMs;
    this.marginMs = options.marginMs ?? DEFAULTS.marginMs;
    if (this.marginMs + this.heartbeatMs >= this.ttlMs) throw new Error('hub lease: heartbeatMs + marginMs must be shorter than ttlMs, or the holder steps down between two renewals');
    this.now = options.now ?? (() => performance.now());
    this.fencePool = new pg.Pool({
      ...options.connection,
      max: options.fenceConnections ?? DEFAULTS.fenceConnections,
      // A send stuck longer than a lease (broker hung, process paused) must not hold the row lock
      // forever: the server ends that transaction and a take-over can proceed.
      idle_in_transaction_session_timeout: this.ttlMs,
      statement_timeout: this.ttlMs,
      lock_timeout: this.ttlMs,
      query_timeout: this.ttlMs,
      connectionTimeoutMillis: this.ttlMs,
      keepAlive: true,
    });
    // An idle pooled client whose server went away emits 'error': without a listener it would end the process.
    this.fencePool.on('error', (error) => (this.lastError = error.message));
  }

  /** Starts trying to take the lease, and keeps it (or keeps trying) until {@link stop}. */
  start(): Promise<void> {
    if (!this.stopped) return Promise.resolve();
    this.stopped = false;
    return this.tick();
  }

  /** True while this instance may act as the Hub client (its own clock, a margin before the database's expiry). */
  isHolder(): boolean {
    return this.heldToken !== null && this.now() < this.validUntil;
  }

  get token(): number | null {
    return this.isHolder() ? this.heldToken : null;
  }

  status(): HubLeaseStatus {
    const holding = this.isHolder();
    return { holderId: this.holderId, holding, token: holding ? this.heldToken : null, validForMs: holding ? Math.round(this.validUntil - this.now()) : null, lastError: this.lastError };
  }

  /** The lease row as the database has it now (who holds the Hub, for the supervisor). */
  async current(): Promise<LeaseRow | null> {
    const result = await this.fencePool.query('SELECT holder, token, expires_at > clock_timestamp() AS live FROM hub_lease WHERE name = $1', [this.name]);
    const row = result.rows[0] as { holder: string | null; token: unknown; live: boolean } | undefined;
    return row ? { holder: row.holder, token: parseToken(row.token), live: row.live } : null;
  }

  /**
   * Runs one Hub send under the lease: refused with {@link LeaseLostError} unless this instance
   * holds the lease with its current token, and no take-over can happen until it has finished.
   */
  async fenced<T>(send: (tx: FenceTransaction) => Promise<T>): Promise<T> {
    const token = this.heldToken;
    if (token === null || !this.isHolder()) throw new LeaseLostError(`${this.holderId} does not hold the Hub lease`);
    const client = await this.fencePool.connect();
    let broken: Error | undefined;
    // The server may end this session while it is checked out (a send outliving the lease trips
    // idle_in_transaction_session_timeout): without a listener that 'error' would end the process.
    const onError = (error: Error) => {
      broken = error;
      this.lastError = error.message;
    };
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const check = await client.query('SELECT holder, token, expires_at > clock_timestamp() AS live FROM hub_lease WHERE name = $1 FOR KEY SHARE', [this.name]);
      const row = check.rows[0] as { holder: string | null; token: unknown; live: boolean } | undefined;
      if (!row || row.holder !== this.holderId || parseToken(row.token) !== token || !row.live) {
        await client.query('ROLLBACK');
        const now = row ? `${row.holder ?? 'nobody'} (token ${parseToken(row.token)}${row.live ? '' : ', expired'})` : 'no lease row';
        this.lose(token, `fence refused token ${token}: the lease is held by ${now}`);
        throw new LeaseLostError(`Hub lease lost by ${this.holderId} (token ${token}): now ${now}`);
      }
      const result = await send({ token, query: (text, values) => client.query(text, values) });
      await client.query('COMMIT');
      return result;
    } catch (error) {
      if (!(error instanceof LeaseLostError)) {
        broken = error as Error;
        await client.query('ROLLBACK').catch(() => undefined);
      }
      throw error;
    } finally {
      client.off('error', onError);
      // A client whose session the server ended (timeout) or whose link broke is not reused.
      client.release(broken);
    }
  }

  /** Steps down: the lease is released at once so another instance takes it at its next try. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.ticking?.catch(() => undefined);
    const token = this.heldToken;
    if (token !== null) {
      this.lose(token, 'stopped');
      try {
        const client = await this.heartbeatClient();
        await client.query(
          `WITH released AS (
             UPDATE hub_lease SET expires_at = '-infinity' WHERE name = $1 AND holder = $2 AND token = $3 RETURNING token)
           UPDATE hub_lease_terms SET ended_at = clock_timestamp(), end_reason = 'released'
            WHERE name = $1 AND token IN (SELECT token FROM released) AND ended_at IS NULL`,
          [this.name, this.holderId, token],
        );
      } catch (error) {
        // Unreachable database: the lease simply expires.
        this.lastError = (error as Error).message;
      }
    }
    await this.heart?.end().catch(() => undefined);
    this.heart = null;
    await this.fencePool.end().catch(() => undefined);
  }

  private tick(): Promise<void> {
    const run = (async () => {
      try {
        if (this.heldToken !== null && this.isHolder()) await this.renew(this.heldToken);
        else await this.acquire();
        this.lastError = null;
      } catch (error) {
        this.lastError = (error as Error).message;
        // The link may be broken: a fresh connection at the next tick.
        this.dropHeart();
      }
    })();
    this.ticking = run;
    return run.finally(() => {
      if (this.ticking === run) this.ticking = null;
      if (!this.stopped) {
        this.timer = setTimeout(() => void this.tick(), this.heartbeatMs);
        this.timer.unref();
      }
    });
  }

  private async acquire(): Promise<void> {
    if (this.heldToken !== null) this.lose(this.heldToken, 'not renewed in time');
    const client = await this.heartbeatClient();
    // A live lease is left alone without a lock: standbys ask every heartbeat, and a FOR UPDATE
    // would queue the holder's next sends behind the ones in flight.
    const free = await client.query('SELECT expires_at <= clock_timestamp() AS free FROM hub_lease WHERE name = $1', [this.name]);
    if (!(free.rows[0] as { free: boolean } | undefined)?.free) return;
    await client.query('BEGIN');
    let result: pg.QueryResult;
    let sentAt: number;
    try {
      // Sends in flight hold the row in key-share mode: the take-over waits until they are done.
      await client.query('SELECT 1 FROM hub_lease WHERE name = $1 FOR UPDATE', [this.name]);
      // Counted from after the wait: the expiry is set by the statement that follows.
      sentAt = this.now();
      result = await this.take(client);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    }
    const row = result.rows[0] as { token: unknown } | undefined;
    if (!row) return;
    const token = parseToken(row.token);
    this.heldToken = token;
    this.extend(sentAt);
    // Taken while stopping: stop() releases it right after this tick.
    if (!this.stopped) this.options.onAcquired?.(token);
  }

  /** The take-over itself, once the row is locked: a new term if the lease has run out. */
  private take(client: pg.Client): Promise<pg.QueryResult> {
    // clock_timestamp, not now(): the expiry is checked at the moment the statement runs, after
    // the wait for sends in flight. One statement: the term is recorded with the take-over or not at all.
    return client.query(
      `WITH taken AS (
         UPDATE hub_lease
            SET holder = $2, token = token + 1, acquired_at = clock_timestamp(), renewed_at = clock_timestamp(),
                expires_at = clock_timestamp() + make_interval(secs => $3::double precision / 1000)
          WHERE name = $1 AND expires_at <= clock_timestamp()
          RETURNING token, holder, acquired_at),
       ended AS (
         UPDATE hub_lease_terms SET ended_at = clock_timestamp(), end_reason = 'expired'
          WHERE name = $1 AND ended_at IS NULL AND token < (SELECT token FROM taken)),
       term AS (
         INSERT INTO hub_lease_terms (name, token, holder, acquired_at) SELECT $1, token, holder, acquired_at FROM taken)
       SELECT token FROM taken`,
      [this.name, this.holderId, this.ttlMs],
    );
  }

  private async renew(token: number): Promise<void> {
    const client = await this.heartbeatClient();
    const sentAt = this.now();
    const result = await client.query(
      `UPDATE hub_lease SET renewed_at = clock_timestamp(), expires_at = clock_timestamp() + make_interval(secs => $4::double precision / 1000)
        WHERE name = $1 AND holder = $2 AND token = $3 AND expires_at > clock_timestamp()
        RETURNING token`,
      [this.name, this.holderId, token, this.ttlMs],
    );
    if (result.rowCount === 1) this.extend(sentAt);
    else this.lose(token, 'renewal refused: the lease expired or was taken over');
  }

  /** Valid until a margin before the database's expiry, counted from when the renewal left. */
  private extend(sentAt: number): void {
    this.validUntil = sentAt + this.ttlMs - this.marginMs;
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    const token = this.heldToken;
    this.expiryTimer = setTimeout(() => {
      if (token !== null && this.heldToken === token && !this.isHolder()) this.lose(token, 'not renewed in time');
    }, Math.max(0, this.validUntil - this.now()) + 1);
    this.expiryTimer.unref();
  }

  private lose(token: number, reason: string): void {
    if (this.heldToken !== token) return;
    this.heldToken = null;
    this.validUntil = 0;
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    this.expiryTimer = null;
    this.options.onLost?.(token, reason);
  }

  private heartbeatClient(): Promise<pg.Client> {
    if (this.heart) return Promise.resolve(this.heart);
    if (this.heartConnecting) return this.heartConnecting;
    const client = new pg.Client({
      ...this.options.connection,
      // A renewal that does not come back is as good as refused: the lease runs out on its own.
      query_timeout: this.ttlMs,
      statement_timeout: this.ttlMs,
      lock_timeout: this.ttlMs,
      connectionTimeoutMillis: this.ttlMs,
      keepAlive: true,
    });
    client.on('error', (error) => {
      this.lastError = error.message;
      if (this.heart === client) this.dropHeart();
    });
    this.heartConnecting = client
      .connect()
      .then(() => {
        this.heart = client;
        return client;
      })
      .finally(() => (this.heartConnecting = null));
    return this.heartConnecting;
  }

  private dropHeart(): void {
    const client = this.heart;
    this.heart = null;
    void client?.end().catch(() => undefined);
  }
}
