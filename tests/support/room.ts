import { join } from 'node:path';
import { mkdirSync } from 'node:fs';
import { dispatch } from '../../electron/services/api';
import { createServices, type Services } from '../../electron/services/composition';
import type { WorkstationConfig } from '../../electron/services/config/workstationConfig';
import type { SiteConfig } from '../../electron/services/site/siteConfig';
import { startSite, type RunningSite } from '../../electron/services/site/siteServer';
import type { Role } from '../../shared/domain/roles';
import { TEST_PASSWORD, TEST_SCRYPT } from './operators';
import { testConfig } from './testConfig';
import type { TestPostgres } from './postgres';

/** One desk of a test room: the real composition root with a `site` section. */
export interface Desk {
  readonly id: string;
  readonly services: Services;
  call<T = Record<string, unknown>>(channel: string, request?: Record<string, unknown>): Promise<T>;
  /** Creates an account here (as IT at the console) and signs it in. */
  signIn(role: Role, login: string, name?: string): Promise<string>;
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

export async function startTestSite(settings: TestPostgres['settings'], port = 0, hub: SiteConfig['hub'] = null): Promise<RunningSite> {
  return startSite(siteConfigFor(settings, port, hub));
}

/** The link's redial backoff of a test desk; the kill tests redial sooner. */
export type DeskBackoff = { initialMs: number; maxMs: number };

export function openDesk(root: string, id: string, deskNumber: number, sitePort: number, extra: Partial<WorkstationConfig> = {}, backoff: DeskBackoff = { initialMs: 50, maxMs: 400 }): Desk {
  const dataDir = join(root, id);
  mkdirSync(dataDir, { recursive: true });
  const services = createServices(testConfig(dataDir, { workstationId: id, site: { url: `ws://127.0.0.1:${sitePort}`, deskNumber, tls: null }, ...extra }), {
    scryptParams: TEST_SCRYPT,
    site: { backoff },
  });
  const call = async <T,>(channel: string, request: Record<string, unknown> = {}): Promise<T> => {
    const result = await dispatch(services.api, channel, request);
    if (!result.ok) throw new Error(`${id} ${channel}: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  };
  return {
    id,
    services,
    call,
    signIn: async (role, login, name = `${role} ${login}`) => {
      const created = await services.auth.createOperator({ login, displayName: name, role, password: TEST_PASSWORD, rpps: null }, { id: 'console:it', role: 'ADMIN' });
      if (!created.ok) throw new Error(created.error.message);
      const result = await services.auth.login({ login, password: TEST_PASSWORD });
      if (!result.ok) throw new Error(result.error.message);
      return created.value.id;
    },
  };
}

export async function until(check: () => boolean | Promise<boolean>, what: string | (() => string), timeoutMs = 15_000): Promise<void> {
  const t0 = Date.now();
  while (!(await check())) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`timed out waiting for: ${typeof what === 'string' ? what : what()}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
