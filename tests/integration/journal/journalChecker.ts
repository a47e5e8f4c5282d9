import { join } from 'node:path';
import { JOURNAL_FILE_NAME } from '../../../electron/services/config/workstationConfig';
import { Journal } from '../../../electron/services/journal/journal';

export interface CheckResult {
  missing: string[];
  integrity: string;
  chainOk: boolean;
  projectionsMatchRebuild: boolean;
  events: number;
}

/**
 * What must hold after any crash: every acknowledged command is in the journal, SQLite's
 * integrity check passes, the hash chain verifies, and the projections equal a rebuild.
 */
export function checkJournal(dataDir: string, acknowledged: Iterable<string>): CheckResult {
  const journal = Journal.open(join(dataDir, JOURNAL_FILE_NAME), { workstation: 'checker', hubClientId: 'fr.health.samu690' });
  try {
    const present = new Set((journal.db.prepare('SELECT motive FROM dossiers').pluck().all() as string[]));
    const missing = [...acknowledged].filter((token) => !present.has(token));
    const snapshot = () => JSON.stringify(journal.db.prepare('SELECT * FROM dossiers ORDER BY id').all());
    const live = snapshot();
    journal.rebuildProjections();
    const chain = journal.verify();
    return { missing, integrity: journal.integrityCheck(), chainOk: chain.ok, projectionsMatchRebuild: snapshot() === live, events: chain.events };
  } finally {
    journal.close();
  }
}
