import { ROLES, SYSTEM_ACTOR } from '../../shared/domain/roles';
import type { Services } from '../../electron/services/composition';

/** The demo accounts' password: known on purpose, demo and tests only. */
export const demoPassword = (login: string) => `plateau-${login}`;

/** A physician's demo RPPS (valid Luhn key). */
const DEMO_RPPS = '10003456786';

/** One account per role, created once, when the demo journal has none. */
export async function seedDemoOperators(services: Services): Promise<void> {
  if (services.auth.hasOperators()) return;
  for (const role of ROLES) {
    const login = role.toLowerCase();
    const result = await services.auth.createOperator(
      { login, displayName: `${role.charAt(0)}${role.slice(1).toLowerCase()} démo`, role, password: demoPassword(login), rpps: role === 'MRU' || role === 'MRL' ? DEMO_RPPS : null },
      SYSTEM_ACTOR,
    );
    if (!result.ok) throw new Error(`demo account ${login}: ${result.error.message}`);
  }
}

/**
 * The same accounts for a desk in a room. Accounts are the room's (the site syncs them), so they
 * are seeded once: this desk first catches up with the site log, and seeds only if nobody has. They
 * are made as IT at the console would (operator.created is an ADMIN's event: the site refuses one
 * authored by SYSTEME), and the desk says it is ready only once the site has them, so the next desk
 * started finds them there. Desks of one room are started one after the other for this.
 */
export async function seedRoomDemoOperators(services: Services, timeoutMs = 60_000): Promise<void> {
  const site = services.site;
  if (!site) throw new Error('seedRoomDemoOperators: this desk has no site section');
  const settled = async (what: string, done: () => boolean) => {
    const t0 = Date.now();
    for (;;) {
      await site.idle();
      if (done()) return;
      if (Date.now() - t0 > timeoutMs) throw new Error(`demo accounts of the room: ${what} within ${timeoutMs / 1000} s (site ${JSON.stringify(site.status())})`);
      await new Promise((r) => setTimeout(r, 50));
    }
  };
  await settled('the site log was not read', () => {
    const s = site.status();
    return s.state === 'online' && s.pulledPos >= s.head;
  });
  if (services.auth.hasOperators()) return;
  for (const role of ROLES) {
    const login = role.toLowerCase();
    const result = await services.auth.createOperator(
      { login, displayName: `${role.charAt(0)}${role.slice(1).toLowerCase()} démo`, role, password: demoPassword(login), rpps: role === 'MRU' || role === 'MRL' ? DEMO_RPPS : null },
      { id: 'console:demo', role: 'ADMIN' },
    );
    if (!result.ok) throw new Error(`demo account ${login}: ${result.error.message}`);
  }
  await settled('the site did not take the accounts', () => {
    const s = site.status();
    return s.pending === 0 && s.refused === 0;
  });
}
