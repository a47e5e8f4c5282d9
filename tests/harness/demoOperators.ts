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
