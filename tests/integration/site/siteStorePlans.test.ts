import { randomUUID } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { joinPlanQuery, SiteStore } from '../../../electron/services/site/store/siteStore';
import { freshDatabase, postgresProblem, startPostgres, type TestPostgres } from '../../support/postgres';
import { DeskEvents, operator } from '../../support/siteEvents';

const problem = postgresProblem();

interface PlanNode {
  'Node Type': string;
  'Relation Name'?: string;
  'Parent Relationship'?: string;
  'Subplan Name'?: string;
  'Actual Loops'?: number;
  Plans?: PlanNode[];
}

const nodes = (n: PlanNode): PlanNode[] => [n, ...(n.Plans ?? []).flatMap(nodes)];

/**
 * The site's queries keep their plans as the room grows: what degraded silently before (minutes
 * in a join plan, an append slower with every event in the log) is asserted on the plans.
 */
describe.skipIf(problem !== null)('site store plans on a real PostgreSQL 15', () => {
  let server: TestPostgres;
  let settings: TestPostgres['settings'];
  let store: SiteStore;
  const arm = operator('arm.plans', 'ARM');
  const desk = new DeskEvents('arm-01');
  let n = 0;
  const created = () => desk.dossierCreated(arm, randomUUID(), 'P1', String(++n).padStart(7, '0'));

  beforeAll(async () => {
    server = await startPostgres();
    settings = await freshDatabase(server, 'plans_test');
    // Past work_mem, an `IN (SELECT …)` list is no longer hashed: every connection of the site gets a tiny one.
    const admin = new pg.Client(settings);
    await admin.connect();
    await admin.query(`ALTER DATABASE plans_test SET work_mem = '64kB'`);
    await admin.end();
    store = await SiteStore.open(settings, '690');
    await store.append('arm-01', randomUUID(), [desk.operatorCreated(arm), desk.login(arm)]);
    // A few thousand open dossiers.
    for (let k = 0; k < 8; k++) await store.append('arm-01', randomUUID(), Array.from({ length: 500 }, created));
  }, 120_000);
  afterAll(async () => {
    await store?.close();
    await server?.stop();
  });

  it('plans a join on 4,000 open dossiers under a 64 kB work_mem without rescanning site_dossiers per event', async () => {
    const head = await store.head();
    const client = new pg.Client(settings);
    await client.connect();
    try {
      expect((await client.query<{ work_mem: string }>('SHOW work_mem')).rows[0]!.work_mem).toBe('64kB');
      const q = joinPlanQuery(0, head);
      const { rows } = await client.query<{ 'QUERY PLAN': [{ Plan: PlanNode }] }>({ text: `EXPLAIN (ANALYZE, FORMAT JSON) ${q.text}`, values: q.values });
      const plan = nodes(rows[0]!['QUERY PLAN'][0].Plan);
      const dossierScans = plan.filter((p) => p['Relation Name'] === 'site_dossiers');
      expect(dossierScans.length).toBeGreaterThan(0);
      // Run once per event, site_dossiers may only be probed by its key; a plain (unhashed) `IN (SELECT …)`
      // SubPlan scans it again (Seq Scan, Materialize) for every event of the log.
      const perEvent = plan.filter((p) => p['Parent Relationship'] === 'SubPlan' && (p['Actual Loops'] ?? 0) > 1);
      const rescans = perEvent.flatMap(nodes).filter((p) => !/Index/.test(p['Node Type']) && (p['Relation Name'] === 'site_dossiers' || p['Node Type'] === 'Materialize'));
      expect(rescans).toEqual([]);
    } finally {
      await client.end();
    }
    const t0 = performance.now();
    const plan = await store.joinPlan(0);
    expect(plan).toMatchObject({ upTo: head, openDossiers: 4000 });
    // Generous for a loaded machine; the per-event rescan took seconds at this size.
    expect(performance.now() - t0).toBeLessThan(5_000);
  }, 60_000);

  it("plans an append's reads for the log as it is, not as it was when the connection first appended", async () => {
    // A room's first appends, on a log of a few events, on the site's one connection.
    const fresh = await freshDatabase(server, 'plans_append');
    const admin = new pg.Client(fresh);
    await admin.connect();
    // Every plan of the append's statements told to the connection that ran them.
    for (const [k, v] of [['session_preload_libraries', 'auto_explain'], ['auto_explain.log_min_duration', '0'], ['auto_explain.log_nested_statements', 'on'], ['auto_explain.log_level', 'notice']]) {
      await admin.query(`ALTER DATABASE plans_append SET ${k} = '${v}'`);
    }
    const site = await SiteStore.open(fresh, '690', 1);
    const notices: string[] = [];
    const only = await site.pool.connect();
    only.on('notice', (m) => notices.push(m.message ?? ''));
    only.release();
    try {
      // Whether PostgreSQL keeps a generic plan depends on the costs of the calls before; planned per call, never.
      const config = await admin.query<{ proconfig: string[] | null }>(`SELECT proconfig FROM pg_proc WHERE proname = 'site_append_load'`);
      expect(config.rows[0]!.proconfig).toContain('plan_cache_mode=force_custom_plan');
      // No ANALYZE may come to the rescue while the log grows (it would replan): the point is a cached plan.
      await admin.query('ALTER TABLE site_events SET (autovacuum_enabled = false)');
      const ops = Array.from({ length: 10 }, (_, i) => operator(`arm.${i}`, 'ARM'));
      const here = new DeskEvents('arm-01');
      await site.append('arm-01', randomUUID(), ops.map((o) => here.operatorCreated(o)));
      for (const o of ops) await site.append('arm-01', randomUUID(), [here.login(o)]);
      // The log grows by 200,000 events (outside the append: only the sizes matter here), far past its head.
      await admin.query(`INSERT INTO site_events (pos, id, site, workstation, dossier_id, type, payload, actor_id, actor_role, at, hlc, outcome, prev_hash, hash)
        SELECT 10000000 + g, gen_random_uuid(), '690', 'arm-01', gen_random_uuid()::text, 'dossier.noteAdded', '{}', 'x', 'ARM', '', '', 'applied', '', ''
        FROM generate_series(1, 200000) g`);
      notices.length = 0;
      const t0 = performance.now();
      const answer = await site.append('arm-01', randomUUID(), Array.from({ length: 100 }, () => here.dossierCreated(ops[0]!, randomUUID(), 'P1', String(++n).padStart(7, '0'))));
      const ms = performance.now() - t0;
      expect(answer.results.every((r) => r.status === 'appended')).toBe(true);
      const planOfLoad = notices.find((m) => m.includes("'known'"));
      expect(planOfLoad).toBeDefined();
      // The event ids have a unique index; the generic plan of a small log reads the whole log for every append.
      expect(planOfLoad).toMatch(/Index Scan on site_events_id_key/);
      expect(planOfLoad).not.toMatch(/Seq Scan on site_events e\s/);
      expect(ms).toBeLessThan(5_000);
    } finally {
      await site.close();
      await admin.end();
    }
  }, 120_000);
});
