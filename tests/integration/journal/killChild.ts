import { writeSync } from 'node:fs';
import { createServices } from '../../../electron/services/composition';
import { testConfig } from '../../support/testConfig';
import { signIn, TEST_SCRYPT } from '../../support/operators';

/**
 * Runs real dossier commands (create, then setPriority on every other dossier) until it is
 * killed, and tells the parent on stdout — synchronously — what the user was told is saved:
 *
 *   created <token> <dossierId> <seq>     priority <token> <dossierId> <seq>
 *
 * `<token>` is the motive the dossier was created with. Mode `correct` writes a line once the
 * command returned (committed). Mode `ack-before-commit` is the negative control: a realistic
 * write-behind bug that answers at once and commits in batches every 50 ms, so it can only
 * give the token (`created <token> - -`); the parent's checker must catch it losing commands.
 */
type Mode = 'correct' | 'ack-before-commit';
const [dataDir, mode, prefix] = process.argv.slice(2) as [string, Mode, string];
const services = createServices(testConfig(dataDir), { scryptParams: TEST_SCRYPT });
await signIn(services);
const CHECKPOINT_EVERY = 25;
let commands = 0;

function ack(line: string): void {
  const bytes = Buffer.from(`${line}\n`);
  for (let written = 0; written < bytes.length; ) {
    try {
      written += writeSync(1, bytes, written);
    } catch (error) {
      // A full pipe on a non-blocking descriptor: the parent is reading, try again.
      if ((error as NodeJS.ErrnoException).code !== 'EAGAIN') throw error;
    }
  }
}

function createDossier(token: string): { id: string; lastSeq: number } {
  const created = services.dossiers.create({ callerPhone: '04 72 11 22 33', motive: token, priority: 'P2', kind: 'DRM', origin: '15' });
  if (!created.ok) throw new Error(created.error.message);
  // Shared at once (as "Partager avec…" journals it), so that its events queue Hub messages and
  // kills also land between an event and its outbox row (issue 13 §6: nothing is queued before).
  services.journal.command((ctx) => ctx.append({ dossierId: created.value.id, actor: services.auth.actor(), body: { type: 'dossier.shared', payload: { partner: 'fr.health.samu440' } } }));
  return created.value;
}

function raisePriority(dossierId: string): { lastSeq: number } {
  const changed = services.dossiers.setPriority({ dossierId, priority: 'P1' });
  if (!changed.ok) throw new Error(changed.error.message);
  return changed.value;
}

function afterCommand(): void {
  // The app checkpoints when idle; doing it now and then here lets kills land in a checkpoint too.
  if (++commands % CHECKPOINT_EVERY === 0) services.journal.checkpoint();
}

function correct(): void {
  for (let n = 0; ; n++) {
    const token = `${prefix}-${n}`;
    const dossier = createDossier(token);
    ack(`created ${token} ${dossier.id} ${dossier.lastSeq}`);
    afterCommand();
    // Every other dossier gets a second event, so kills also land between events of one dossier.
    if (n % 2 === 0) {
      const changed = raisePriority(dossier.id);
      ack(`priority ${token} ${dossier.id} ${changed.lastSeq}`);
      afterCommand();
    }
  }
}

function ackBeforeCommit(): void {
  const pending: string[] = [];
  setInterval(() => {
    for (const token of pending.splice(0)) {
      createDossier(token);
      afterCommand();
    }
  }, 50);
  let n = 0;
  setInterval(() => {
    const token = `${prefix}-${n++}`;
    pending.push(token);
    ack(`created ${token} - -`);
  }, 2);
}

if (mode === 'ack-before-commit') ackBeforeCommit();
else correct();
