import { SITE_HUB_SCHEMA_SQL } from '../hub/siteHubOutbox';
import { HUB_LEASE_SCHEMA_SQL } from '../hubLease';
import { SITE_APPEND_LOAD_PLANNING_SQL, SITE_APPEND_SQL } from './siteAppendSql';
import { SITE_HUB_LINK_SQL } from '../hub/siteHubState';
import { SITE_HUB_INBOX_SQL } from '../hub/siteHubInbox';
import { SITE_ATTACHMENTS_SQL } from './siteAttachments';

/**
 * The site database's schema, in numbered steps (a separate sequence from the desks' SQLite
 * journal). `site_schema` records the version; a database newer than the code is refused.
 */
export interface SiteMigration {
  readonly version: number;
  readonly name: string;
  readonly sql: string;
}

export const SITE_MIGRATIONS: readonly SiteMigration[] = [
  {
    version: 1,
    name: 'siteLog',
    sql: `
      -- The room's log. pos is gap-free and in commit order: taken under the lock of site_head (one-row
      -- counter, FOR UPDATE), never from a sequence (a reader polling pos > last would skip a late commit).
      CREATE TABLE site_events (
        pos          bigint      PRIMARY KEY,
        id           uuid        NOT NULL UNIQUE,
        site         text        NOT NULL,
        workstation  text        NOT NULL,
        dossier_id   text,
        type         text        NOT NULL,
        payload      text        NOT NULL,
        actor_id     text        NOT NULL,
        actor_role   text        NOT NULL,
        at           text        NOT NULL,
        hlc          text        NOT NULL,
        corrects     uuid,
        -- applied, or overruled: kept, but an exclusive step that lost or an older field value
        outcome      text        NOT NULL CHECK (outcome IN ('applied', 'overruled')),
        batch_id     uuid,
        received_at  timestamptz NOT NULL DEFAULT now(),
        prev_hash    text        NOT NULL,
        hash         text        NOT NULL
      );
      CREATE INDEX site_events_by_dossier ON site_events (dossier_id, pos) WHERE dossier_id IS NOT NULL;
      CREATE INDEX site_events_by_batch ON site_events (batch_id) WHERE batch_id IS NOT NULL;
      CREATE TABLE site_head (
        one   boolean PRIMARY KEY DEFAULT true CHECK (one),
        pos   bigint  NOT NULL,
        hash  text    NOT NULL
      );
      INSERT INTO site_head (pos, hash) VALUES (0, repeat('0', 64));
      CREATE RULE site_events_no_update AS ON UPDATE TO site_events DO INSTEAD NOTHING;
      CREATE RULE site_events_no_delete AS ON DELETE TO site_events DO INSTEAD NOTHING;

      -- What the site refused, and why: never appended, never silently dropped.
      CREATE TABLE site_refusals (
        id           bigserial   PRIMARY KEY,
        at           timestamptz NOT NULL DEFAULT now(),
        workstation  text        NOT NULL,
        batch_id     text,
        event_id     text,
        code         text        NOT NULL,
        reason       text        NOT NULL,
        excerpt      text
      );

      -- Folded from the log in the append's transaction: what the room's rules read.
      CREATE TABLE site_dossiers (id text PRIMARY KEY, state jsonb NOT NULL, last_pos bigint NOT NULL);
      CREATE TABLE site_callbacks (id text PRIMARY KEY, state jsonb NOT NULL, last_pos bigint NOT NULL);
      CREATE TABLE site_fields (dossier_id text NOT NULL, field text NOT NULL, hlc text NOT NULL, event_id uuid NOT NULL,
        PRIMARY KEY (dossier_id, field));
      CREATE TABLE site_operators (id text PRIMARY KEY, login text NOT NULL, display_name text NOT NULL, role text NOT NULL, active boolean NOT NULL);
      CREATE TABLE site_sessions (workstation text NOT NULL, operator_id text NOT NULL, opened_at text NOT NULL,
        PRIMARY KEY (workstation, operator_id));
    `,
  },
  {
    version: 2,
    name: 'hub',
    // The Hub lease (one site instance is the SAMU's Hub client at a time) and the room's Hub
    // outbox and inbox bookkeeping (electron/services/site/hub/).
    sql: `${HUB_LEASE_SCHEMA_SQL}\n${SITE_HUB_SCHEMA_SQL}`,
  },
  {
    version: 3,
    name: 'appendInTwoRoundTrips',
    // The lock and every read of an append in one call, every write in another (siteAppendSql.ts).
    sql: SITE_APPEND_SQL,
  },
  {
    // Step 4 was allotted to a branch that did not need it.
    version: 5,
    name: 'hubSeenFromDesks',
    // The Hub client's link as its holder says it, so every instance tells the desks the same; the
    // inbox's updates waiting for their case and the SAS platform's appointments.
    sql: `${SITE_HUB_LINK_SQL}\n${SITE_HUB_INBOX_SQL}`,
  },
  {
    version: 6,
    name: 'appointmentAttachments',
    // One SAS appointment, one dossier, decided in site order; the desks list what is not attached.
    sql: SITE_ATTACHMENTS_SQL,
  },
  {
    version: 7,
    name: 'appendLoadPlannedPerCall',
    // The append's reads planned for the log as it is at each call (siteAppendSql.ts).
    sql: SITE_APPEND_LOAD_PLANNING_SQL,
  },
];

export const SITE_SCHEMA_VERSION = SITE_MIGRATIONS.at(-1)!.version;
