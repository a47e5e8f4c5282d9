import { join } from 'node:path';
import Database from 'better-sqlite3';
import { dispatch } from '../../electron/services/api';
import { createServices } from '../../electron/services/composition';
import { makeTempDir } from '../support/tempDir';
import { testConfig } from '../support/testConfig';
import { line, time } from './stats';

const N = Number(process.env.BENCH_N ?? 3000);
const WARMUP = 200;

/**
 * Durable command (event + projection + outbox, one transaction, WAL + synchronous=FULL)
 * against a raw better-sqlite3 insert + commit on the same disk in the same run.
 * Targets (QUALITY.md): p99 ≤ 2 ms, throughput ≥ 50 % of raw.
 */
export async function journalBench(): Promise<string[]> {
  const dir = makeTempDir('plateau-bench-');
  try {
    const raw = new Database(join(dir.path, 'raw.sqlite3'));
    raw.pragma('journal_mode = WAL');
    raw.pragma('synchronous = FULL');
    raw.exec('CREATE TABLE t (id INTEGER PRIMARY KEY, payload TEXT NOT NULL) STRICT');
    const insert = raw.prepare('INSERT INTO t (payload) VALUES (?)');
    const rawCommit = raw.transaction((payload: string) => insert.run(payload));
    const payload = JSON.stringify({ callerPhone: '+33612345678', motive: 'douleur thoracique', priority: 'P1' });
    const baseline = await time(N, WARMUP, () => rawCommit(payload));
    raw.close();

    const services = createServices(testConfig(join(dir.path, 'journal')));
    const journalOnly = await time(N, WARMUP, (i) =>
      services.journal.command((ctx) =>
        ctx.append({
          dossierId: `0190a000-0000-7000-8000-${String(i + 10_000).padStart(12, '0')}`,
          actor: { id: 'bench', role: 'ARM' },
          body: { type: 'dossier.created', payload: { localNumber: `DRFR1569026${String(i + 10_000).padStart(8, '0')}`, caseId: 'c', kind: 'DRM', origin: '15', callerPhone: '+33612345678', motive: 'douleur thoracique', priority: 'P1' } },
        }),
      ),
    );
    const viaApi = await time(N, WARMUP, () => dispatch(services.api, 'dossier:create', { callerPhone: '06 12 34 56 78', motive: 'douleur thoracique', priority: 'P1' }));
    const chainOk = services.journal.verify().ok;
    services.close();

    return [
      line('journal.raw_insert_commit.p50', baseline.p50, 'ms'),
      line('journal.raw_insert_commit.p99', baseline.p99, 'ms'),
      line('journal.raw_insert_commit.throughput', baseline.perSecond, 'commits/s'),
      line('journal.command.p50', journalOnly.p50, 'ms', baseline.p50),
      line('journal.command.p99', journalOnly.p99, 'ms', baseline.p99),
      line('journal.command.throughput', journalOnly.perSecond, 'commands/s', baseline.perSecond),
      line('api.dossier_create.p50', viaApi.p50, 'ms', baseline.p50),
      line('api.dossier_create.p99', viaApi.p99, 'ms', baseline.p99),
      line('api.dossier_create.throughput', viaApi.perSecond, 'commands/s', baseline.perSecond),
      `journal.chain_after_bench ${chainOk ? 'ok' : 'BROKEN'}`,
    ];
  } finally {
    dir.cleanup();
  }
}
