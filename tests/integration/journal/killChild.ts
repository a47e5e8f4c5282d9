import { writeSync } from 'node:fs';
import { dispatch } from '../../../electron/services/api';
import { createServices } from '../../../electron/services/composition';
import { testConfig } from '../../support/testConfig';

/**
 * Runs real journal commands until it is killed. Each command carries a unique token (in its
 * motive); the token is written to stdout — synchronously — once the user may be told
 * "enregistré". Mode `correct`: after the command returned (committed). Mode `write-behind`:
 * a deliberately broken variant that acknowledges at once and commits in batches later, which
 * the kill test must catch (its negative control).
 */
const [dataDir, mode, prefix] = process.argv.slice(2) as [string, 'correct' | 'write-behind', string];
const services = createServices(testConfig(dataDir));
const ack = (token: string) => writeSync(1, `${token}\n`);
let n = 0;

async function command(token: string): Promise<void> {
  const created = await dispatch(services.api, 'dossier:create', { callerPhone: '0472112233', motive: token, priority: 'P2' });
  if (!created.ok) throw new Error(created.error.message);
  // Every other dossier gets a second event, so kills also land between events of one dossier.
  if (n % 2 === 0) {
    const changed = await dispatch(services.api, 'dossier:setPriority', { dossierId: (created.value as { id: string }).id, priority: 'P1' });
    if (!changed.ok) throw new Error(changed.error.message);
  }
}

async function correct(): Promise<never> {
  for (;;) {
    const token = `${prefix}-${n++}`;
    await command(token);
    ack(token);
  }
}

async function writeBehind(): Promise<never> {
  const pending: string[] = [];
  setInterval(() => {
    for (const token of pending.splice(0)) void command(token);
  }, 50);
  for (;;) {
    const token = `${prefix}-${n++}`;
    pending.push(token);
    ack(token);
    await new Promise((resolve) => setTimeout(resolve, 2));
  }
}

void (mode === 'write-behind' ? writeBehind() : correct());
