import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Journal } from '../../../../../electron/services/journal/journal';
import type { PulledEvent } from '../../../../../shared/api/siteProtocol';
import { journalFile } from '../../../../support/journalFile';
import { DeskEvents, operator } from '../../../../support/siteEvents';
import { makeTempDir } from '../../../../support/tempDir';

/**
 * A page of the site log is applied without a savepoint per event, and again with them when a
 * fold is refused: the refused event stays journaled, unfolded, and the rest of the page folds.
 */
describe('Journal.applyRemote: a page, and a page with a refused fold', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let journal: Journal;
  let pos = 0;
  const other = new DeskEvents('arm-02');
  const arm = operator('arm.remote', 'ARM');
  const pulled = (e: ReturnType<DeskEvents['event']>): PulledEvent => ({ ...e, pos: ++pos, outcome: 'applied' });
  const created = (number: string) => pulled(other.dossierCreated(arm, uuidv7(), 'P1', number));
  const eventCount = () => (journalFile(journal).prepare('SELECT count(*) AS n FROM events WHERE workstation = ?').get('arm-02') as { n: number }).n;

  beforeEach(() => {
    dir = makeTempDir('plateau-remote-');
    journal = Journal.open(join(dir.path, 'j.sqlite3'), { workstation: 'mru-01', hubClientId: 'fr.health.samu690' });
    pos = 0;
    journal.applyRemote([pulled(other.operatorCreated(arm)), pulled(other.login(arm))], 'mru-01');
  });
  afterEach(() => {
    journal.close();
    dir.cleanup();
  });

  it('folds a clean page: every dossier in, one transaction, the chain verified', () => {
    const page = Array.from({ length: 50 }, (_, i) => created(String(i + 1).padStart(7, '0')));
    const applied = journal.applyRemote(page, 'mru-01');
    expect(applied.inserted).toBe(50);
    expect(applied.dossierIds.size).toBe(50);
    expect(page.every((e) => journal.dossiers.get(e.dossierId!) !== undefined)).toBe(true);
    expect(journal.siteSync.pulledPos()).toBe(pos);
    expect(journal.verify().ok).toBe(true);
  });

  it('keeps a dossier whose number this desk already holds journaled, unfolded, and folds the rest of its page', () => {
    const first = created('0000001');
    const clash = created('0000001');
    const after = created('0000002');
    const applied = journal.applyRemote([first, clash, after], 'mru-01');
    expect(applied.inserted).toBe(3);
    expect(eventCount()).toBe(5);
    expect(journal.dossiers.get(first.dossierId!)?.localNumber).toBe('DRFR15690263400000001');
    expect(journal.dossiers.get(clash.dossierId!)).toBeUndefined();
    expect(journal.dossiers.get(after.dossierId!)?.localNumber).toBe('DRFR15690263400000002');
    expect(journal.siteSync.pulledPos()).toBe(pos);
    expect(journal.verify().ok).toBe(true);
  });

  it("keeps an event the desk's rules refuse journaled, unfolded, between two that fold", () => {
    const dossier = created('0000003');
    // A note on a dossier this desk never saw created: the fold refuses it.
    const ghost = uuidv7();
    const refused = pulled(other.event('dossier.noteAdded', { noteId: uuidv7(), text: 'fantôme' }, arm, ghost));
    const note = pulled(other.event('dossier.noteAdded', { noteId: uuidv7(), text: 'après' }, arm, dossier.dossierId));
    journal.applyRemote([dossier, refused, note], 'mru-01');
    expect(eventCount()).toBe(5);
    const d = journal.dossiers.get(dossier.dossierId!)!;
    expect(journal.dossiers.get(ghost)).toBeUndefined();
    expect(d.notes.map((n) => n.text)).toEqual(['après']);
    expect(journal.verify().ok).toBe(true);
  });
});
