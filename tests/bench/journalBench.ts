import { join } from 'node:path';
import Database from 'better-sqlite3';
import { dispatch } from '../../electron/services/api';
import { createServices } from '../../electron/services/composition';
import { makeTempDir } from '../support/tempDir';
import { testConfig } from '../support/testConfig';
import { signIn } from '../support/operators';
import { interleaved, line } from './stats';

const N = Number(process.env.BENCH_N ?? 3000);
const WARMUP = 300;
const BLOCKS = 10;

/**
 * The durable command (DossierService.create: event + projection + outbox in one transaction,
 * WAL + synchronous=FULL) against a raw better-sqlite3 insert + commit with the same pragmas, in
 * the same folder, in the same run. Targets (QUALITY.md): p99 ≤ 2 ms, throughput ≥ 50 % of raw.
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
    // About the size of a creation event's payload.
    const payload = JSON.stringify({ localNumber: 'DRFR15690263270001', caseId: 'fr.health.samu690.DRFR15690263270001', kind: 'DRM', origin: '15', callerPhone: '+33612345678', motive: 'douleur thoracique', priority: 'P1' });

    const services = createServices(testConfig(dir.path));
    await signIn(services);
    const create = { callerPhone: '06 12 34 56 78', motive: 'douleur thoracique', priority: 'P1', kind: 'DRM', origin: '15' } as const;
    const figures = await interleaved(
      {
        raw: () => rawCommit(payload),
        command: () => {
          const created = services.dossiers.create(create);
          if (!created.ok) throw new Error(created.error.message);
        },
        // The same command as the renderer sends it: contract validation in and out included.
        api: async () => {
          const created = await dispatch(services.api, 'dossier:create', create);
          if (!created.ok) throw new Error(created.error.message);
        },
      },
      { n: N, warmup: WARMUP, blocks: BLOCKS },
    );
    const chain = services.journal.verify();
    const events = chain.events;
    services.close();
    raw.close();

    const { raw: baseline, command, api } = figures;
    const met = (ok: boolean) => (ok ? 'met' : 'MISSED');
    return [
      line('journal.raw_commit.p50', baseline.p50, 'ms'),
      line('journal.raw_commit.p99', baseline.p99, 'ms'),
      line('journal.raw_commit.throughput', baseline.perSecond, 'commits/s'),
      line('journal.command.p50', command.p50, 'ms', baseline.p50),
      line('journal.command.p99', command.p99, 'ms', baseline.p99),
      line('journal.command.throughput', command.perSecond, 'commands/s', baseline.perSecond),
      line('api.dossier_create.p50', api.p50, 'ms', baseline.p50),
      line('api.dossier_create.p99', api.p99, 'ms', baseline.p99),
      line('api.dossier_create.throughput', api.perSecond, 'commands/s', baseline.perSecond),
      `journal.command.targets p99 ≤ 2 ms ${met(command.p99 <= 2)}, throughput ≥ 50 % of raw ${met(command.perSecond >= baseline.perSecond / 2)}`,
      `journal.chain_after_bench ${chain.ok ? 'ok' : 'BROKEN'} (${events} events)`,
    ];
  } finally {
    dir.cleanup();
  }
}
