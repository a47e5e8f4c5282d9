import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createServices } from '../../../electron/services/composition';
import { makeTempDir } from '../../support/tempDir';
import { testConfig } from '../../support/testConfig';
import { signIn, TEST_SCRYPT } from '../../support/operators';
import { journalShare } from '../../support/journalShare';
import { checkJournal, parseAck, type Ack } from './journalChecker';

/** The kill test is only as good as its checker: each of its checks must be able to fail. */
describe('the kill test checker', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let acks: Ack[];
  let path: string;

  beforeEach(async () => {
    dir = makeTempDir();
    const services = createServices(testConfig(dir.path), { scryptParams: TEST_SCRYPT });
    await signIn(services);
    acks = [];
    for (let n = 0; n < 4; n++) {
      const created = services.dossiers.create({ callerPhone: '', motive: `t-${n}`, priority: 'P2', kind: 'DRM', origin: '15' });
      if (!created.ok) throw new Error(created.error.message);
      acks.push(parseAck(`created t-${n} ${created.value.id} ${created.value.lastSeq}`));
      // Shared, so its later events queue Hub messages the checker can find missing.
      journalShare(services, created.value.id, 'fr.health.samu440');
      const raised = services.dossiers.setPriority({ dossierId: created.value.id, priority: 'P1' });
      if (!raised.ok) throw new Error(raised.error.message);
      acks.push(parseAck(`priority t-${n} ${created.value.id} ${raised.value.lastSeq}`));
    }
    path = services.journal.path;
    services.close();
  });
  afterEach(() => dir.cleanup());

  /** Changes the file the way a bug would, with the append-only triggers out of the way. */
  const tamper = (sql: string) => {
    const db = new Database(path);
    db.exec('DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete');
    db.exec(sql);
    db.close();
  };

  it('passes a sound journal', () => {
    expect(checkJournal(dir.path, acks)).toMatchObject({
      missing: [],
      integrity: 'ok',
      chainOk: true,
      projectionsDifferingFromRebuild: [],
      eventsWithoutOutbox: [],
      // 4 dossiers × (created + shared + priority), after the test operator's account and sign-in.
      events: 14,
    });
  });

  it('reports an acknowledged command that is not there, or not as acknowledged', () => {
    const unknown = parseAck('created t-9 - -');
    const wrongSeq = { ...acks[0]!, seq: acks[1]!.seq };
    const result = checkJournal(dir.path, [...acks, unknown, wrongSeq]);
    expect(result.missing).toEqual(['created t-9: no dossier with this motive', `created t-0: seq ${acks[1]!.seq} is dossier.priorityChanged of ${acks[0]!.dossierId}`]);
  });

  it('reports a priority change lost from the projection, and the projection differing from its rebuild', () => {
    tamper("UPDATE dossiers SET priority = 'P2' WHERE motive = 't-1'");
    const result = checkJournal(dir.path, acks);
    expect(result.missing).toEqual(['priority t-1: priority is P2, P1 was acknowledged']);
    expect(result.projectionsDifferingFromRebuild).toEqual(['dossiers']);
  });

  it('reports a broken chain and a missing outbox row', () => {
    tamper("UPDATE events SET actor_id = 'x' WHERE seq = 3; DELETE FROM outbox WHERE event_seq = 5");
    const result = checkJournal(dir.path, acks);
    expect(result.chainOk).toBe(false);
    expect(result.chainProblem).toBe('hash of seq 3 does not match its content');
    expect(result.eventsWithoutOutbox).toEqual([5]);
  });
});
