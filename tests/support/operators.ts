import type { Role } from '../../shared/domain/roles';
import { SYSTEM_ACTOR } from '../../shared/domain/roles';
import type { ScryptParams } from '../../electron/services/auth/passwords';
import type { Services } from '../../electron/services/composition';

/** Cheap scrypt for tests: the same code path, a fraction of the cost. */
export const TEST_SCRYPT: ScryptParams = { N: 2 ** 10, r: 8, p: 1, keyLength: 64 };

export const TEST_PASSWORD = 'motdepasse-test';

/** A valid RPPS number (Luhn key), for physicians' accounts. */
export const TEST_RPPS = '10003456786';

/** Creates an account of that role (once) and opens a session with it, as the login screen does. */
export async function signIn(services: Services, role: Role = 'ARM', login = role.toLowerCase()): Promise<string> {
  let operator = services.journal.operators.byLogin(login);
  if (!operator) {
    const created = await services.auth.createOperator({ login, displayName: `${role} de test`, role, password: TEST_PASSWORD, rpps: null }, SYSTEM_ACTOR);
    if (!created.ok) throw new Error(created.error.message);
    operator = services.journal.operators.byLogin(login)!;
  }
  const result = await services.auth.login({ login, password: TEST_PASSWORD });
  if (!result.ok) throw new Error(`${login}: ${result.error.code} ${result.error.message}`);
  return operator.id;
}
