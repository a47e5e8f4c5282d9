import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createOperatorRequest } from '../../../../shared/api/schemas';
import { hubClientId } from '../../../../shared/domain/localNumber';
import { journalPathFor, loadWorkstationConfig } from '../../config/workstationConfig';
import { Journal } from '../../journal/journal';
import { AuthService } from '../authService';

/**
 * `npm run operator:add -- --config <workstation.json> --login <login> --name "<name>" --role <ROLE> [--rpps <11 digits>]`
 * The first-start bootstrap (no account exists yet: create the first ADMIN), and IT's way in
 * should every admin be locked out. Whoever can write the journal file can run it: the file's
 * permissions are the guard. The password is read from stdin (or PLATEAU_OPERATOR_PASSWORD),
 * never from the command line, where `ps` would show it. The account creation is journaled with
 * the console user as its author.
 */
const { values } = parseArgs({
  options: { config: { type: 'string' }, login: { type: 'string' }, name: { type: 'string' }, role: { type: 'string' }, rpps: { type: 'string' } },
});
if (!values.config || !values.login || !values.name || !values.role) {
  console.error('usage: npm run operator:add -- --config <workstation.json> --login <login> --name "<name>" --role ARM|OSNP|MRU|MRL|SUPERVISEUR|ADMIN [--rpps <number>]  (password on stdin)');
  process.exit(2);
}

async function readPassword(): Promise<string> {
  if (process.env.PLATEAU_OPERATOR_PASSWORD) return process.env.PLATEAU_OPERATOR_PASSWORD;
  if (process.stdin.isTTY) process.stderr.write('Mot de passe (8 caractères au moins) : ');
  const lines = createInterface({ input: process.stdin });
  for await (const line of lines) {
    lines.close();
    return line;
  }
  return '';
}

const request = createOperatorRequest.safeParse({ login: values.login, displayName: values.name, role: values.role, password: await readPassword(), rpps: values.rpps ?? null });
if (!request.success) {
  console.error(`refused: ${request.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  process.exit(2);
}
const config = loadWorkstationConfig(values.config);
const journal = Journal.open(journalPathFor(config), { workstation: config.workstationId, hubClientId: hubClientId(config.siteCode) });
try {
  const auth = new AuthService({ journal, autoLockMinutes: config.autoLockMinutes, lockoutMinutes: config.lockoutMinutes });
  const result = await auth.createOperator(request.data, { id: `console:${userInfo().username}`, role: 'ADMIN' });
  if (!result.ok) {
    console.error(`refused: ${result.error.message}`);
    process.exitCode = 1;
  } else {
    console.log(`account ${result.value.login} (${result.value.role}) created in ${journal.path}`);
  }
} finally {
  journal.close();
}
