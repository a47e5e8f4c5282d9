import type pg from 'pg';
import { SITE_MIGRATIONS, SITE_SCHEMA_VERSION } from './siteMigrations';

export class SiteSchemaError extends Error {
  constructor(
    readonly code: 'E_SITE_SCHEMA_NEWER',
    message: string,
  ) {
    super(message);
  }
}

/** Applies the missing steps, each in its own transaction; refuses a database written by a newer site service. */
export async function migrateSite(client: pg.ClientBase): Promise<number> {
  await client.query('CREATE TABLE IF NOT EXISTS site_schema (version integer NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())');
  // Two site instances starting at once: one migrates, the other waits and finds it done.
  await client.query('BEGIN');
  try {
    await client.query('LOCK TABLE site_schema IN EXCLUSIVE MODE');
    const current = ((await client.query<{ v: number | null }>('SELECT max(version) AS v FROM site_schema')).rows[0]?.v ?? 0) as number;
    if (current > SITE_SCHEMA_VERSION) {
      throw new SiteSchemaError(
        'E_SITE_SCHEMA_NEWER',
        `the site database is at schema version ${current}, newer than this site service (${SITE_SCHEMA_VERSION}): install the newer plateau-site, never an older one, on this database`,
      );
    }
    for (const step of SITE_MIGRATIONS.filter((m) => m.version > current)) {
      await client.query(step.sql);
      await client.query('INSERT INTO site_schema (version) VALUES ($1)', [step.version]);
    }
    await client.query('COMMIT');
    return SITE_SCHEMA_VERSION;
  } catch (error) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw error;
  }
}
