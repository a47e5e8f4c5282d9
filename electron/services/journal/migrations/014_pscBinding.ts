/**
 * 014 — an account's Pro Santé Connect binding (issue 17): the RPPS PSC asserted the first time
 * the account signed in with it (after its local password was given), and when. Part of the
 * `operators` projection, folded from `operator.pscBound` events like the rest of the account.
 * One RPPS binds at most one account: a partial unique index, so a second binding is refused by
 * the database even if two sign-ins race.
 */
export const migration014 = {
  version: 14,
  name: 'pscBinding',
  sql: `
    ALTER TABLE operators ADD COLUMN psc_rpps TEXT;
    ALTER TABLE operators ADD COLUMN psc_bound_at TEXT;
    CREATE UNIQUE INDEX operators_by_psc_rpps ON operators (psc_rpps) WHERE psc_rpps IS NOT NULL;
  `,
} as const;
