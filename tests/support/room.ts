import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { dispatch } from '../../electron/services/api';
import { createServices, type Services } from '../../electron/services/composition';
import type { WorkstationConfig } from '../../electron/services/config/workstationConfig';
import type { Actor } from '../../electron/services/journal/journal';
import type { SiteConfig } from '../../electron/services/site/siteConfig';
import { startSite, type RunningSite } from '../../electron/services/site/siteServer';
import type { CallEventBody } from '../../shared/domain/callState';
import type { Role } from '../../shared/domain/roles';
import { isLostInRoom } from '../../shared/domain/roomCalls';
import { TEST_PASSWORD, TEST_SCRYPT } from './operators';
import { testConfig } from './testConfig';
import { freshDatabase, startPostgres, type TestPostgres } from './postgres';
import { makeTempDir } from './tempDir';

/** One desk of a test room: the real composition root with a `site` section. */
export interface Desk {
  readonly id: string;
  readonly services: Services;
  call<T = Record<string, unknown>>(channel: string, request?: Record<string, unknown>): Promise<T>;
  /** Creates an account here (as IT at the console) and signs it in. */
  signIn(role: Role, login: string, name?: string): Promise<string>;
  /** The operator signed in last by signIn, or null. */
  actor(): Actor | null;
}

export function siteConfigFor(settings: TestPostgres['settings'], port = 0, hub: SiteConfig['hub'] = null): SiteConfig {
  return {
    siteCode: '690',
    siteName: 'SAMU 69 — test',
    listen: { host: '127.0.0.1', port },
    tls: null,
    postgres: settings,
    timeZone: 'Europe/Paris',
    hub,
    workstations: [],
  };
}

export async function startTestSite(settings: TestPostgres['settings'], port = 0, hub: SiteConfig['hub'] = null, log?: (line: string) => void): Promise<RunningSite> {
  return startSite(siteConfigFor(settings, port, hub), log);
}

export interface DeskOptions {
  /** The link's redial backoff (default 50–400 ms); the kill tests redial sooner. */
  readonly backoff?: { initialMs: number; maxMs: number };
  /** The desk's clock (default the real one). */
  readonly now?: () => number;
}

export function openDesk(root: string, id: string, deskNumber: number, sitePort: number, extra: Partial<WorkstationConfig> = {}, options: DeskOptions = {}): Desk {
  const dataDir = join(root, id);
  mkdirSync(dataDir, { recursive: true });
  const services = createServices(testConfig(dataDir, { workstationId: id, site: { url: `ws://127.0.0.1:${sitePort}`, deskNumber, tls: null }, ...extra }), {
    scryptParams: TEST_SCRYPT,
    site: { backoff: options.backoff ?? { initialMs: 50, maxMs: 400 } },
    ...(options.now ? { now: options.now } : {}),
  });
  const call = async <T,>(channel: string, request: Record<string, unknown> = {}): Promise<T> => {
    const result = await dispatch(services.api, channel, request);
    if (!result.ok) throw new Error(`${id} ${channel}: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  };
  let actor: Actor | null = null;
  return {
    id,
    services,
    call,
    signIn: async (role, login, name = `${role} ${login}`) => {
      const created = await services.auth.createOperator({ login, displayName: name, role, password: TEST_PASSWORD, rpps: null }, { id: 'console:it', role: 'ADMIN' });
      if (!created.ok) throw new Error(created.error.message);
      const result = await services.auth.login({ login, password: TEST_PASSWORD });
      if (!result.ok) throw new Error(result.error.message);
      actor = { id: created.value.id, role };
      return created.value.id;
    },
    actor: () => actor,
  };
}

/** A desk of a test room, and who signs in at it (nobody when absent). */
export interface RoomDeskSpec {
  readonly id: string;
  readonly signIn?: { readonly role: Role; readonly login: string; readonly name?: string };
}

/** A test room: its own PostgreSQL and database, a site in this process, desks numbered 1, 2, 3… in the order given. */
export interface TestRoom {
  readonly settings: TestPostgres['settings'];
  /** The site running now (a new one after startSite). */
  readonly site: RunningSite;
  readonly desks: readonly Desk[];
  /** Every desk online, nothing of its own waiting, pulled to the site's head. */
  settled(): Promise<boolean>;
  /** The site away (closed); the desks keep running. */
  stopSite(): Promise<void>;
  /** The site back on its port and database. */
  startSite(): Promise<void>;
  close(): Promise<void>;
}

/**
 * Opens a room for one describe block: PostgreSQL started, a fresh database `database`, the site,
 * the desks with their operators signed in, and everything settled before it returns.
 */
export async function openRoom(database: string, specs: readonly RoomDeskSpec[]): Promise<TestRoom> {
  const dir = makeTempDir(`plateau-${database.replace(/_/g, '-')}-`);
  const server = await startPostgres();
  const desks: Desk[] = [];
  let site: RunningSite | null = null;
  const close = async () => {
    for (const d of desks) await d.services.close();
    await site?.close();
    await server.stop();
    dir.cleanup();
  };
  try {
    const settings = await freshDatabase(server, database);
    site = await startTestSite(settings);
    const port = site.port;
    specs.forEach((spec, i) => desks.push(openDesk(dir.path, spec.id, i + 1, port)));
    for (const [i, spec] of specs.entries()) if (spec.signIn) await desks[i]!.signIn(spec.signIn.role, spec.signIn.login, spec.signIn.name);
    const room: TestRoom = {
      settings,
      get site() {
        if (!site) throw new Error('the test room’s site is stopped');
        return site;
      },
      desks,
      settled: async () => {
        if (!site) return false;
        const head = await site.store.head();
        return desks.every((d) => {
          const status = d.services.site!.status();
          return status.state === 'online' && status.pending === 0 && d.services.journal.siteSync.pulledPos() === head;
        });
      },
      stopSite: async () => {
        const s = site;
        site = null;
        await s?.close();
      },
      startSite: async () => {
        site = await startTestSite(settings, port);
      },
      close,
    };
    await until(room.settled, 'desks online, sessions on the site');
    return room;
  } catch (error) {
    await close();
    throw error;
  }
}

/** One desk's branch of a ring-group call, journaled as its softphone does (events, then the lost-call rule in the same transaction). */
export function journalRingBranch(desk: Desk, actor: Actor, sipCallId: string, answered: boolean): string {
  const callId = randomUUID();
  const bodies: CallEventBody[] = [
    { type: 'call.presented', payload: { callId, sipCallId, direction: 'inbound', remoteNumber: '+33612345678', remoteName: null, dossierId: null } },
    { type: 'call.ringing', payload: { callId } },
    answered ? { type: 'call.answered', payload: { callId } } : { type: 'call.ended', payload: { callId, by: 'remote', reason: 'CANCEL', sipCode: 487 } },
  ];
  desk.services.journal.command((ctx) => {
    for (const body of bodies) ctx.append({ dossierId: null, actor, body });
    const now = ctx.calls.get(callId)!;
    if (isLostInRoom(now, ctx.calls.sameSipCall(now))) desk.services.callbacks.appendLostCall(ctx, { phone: now.remoteNumber, presentedAt: now.presentedAt, callId });
  });
  return callId;
}

export async function until(check: () => boolean | Promise<boolean>, what: string | (() => string), timeoutMs = 15_000): Promise<void> {
  const t0 = Date.now();
  while (!(await check())) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for: ${typeof what === 'string' ? what : what()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
