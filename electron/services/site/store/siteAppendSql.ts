/**
 * Schema step 3: the append in two round trips. `site_append_load` takes the head's lock and reads,
 * each query with a snapshot taken after the lock (a VOLATILE function's statements each take their
 * own), everything the batch's checks and arbitration read; `site_append_write` writes the events,
 * the head, the folded state and the refusals, then notifies. The site sends `BEGIN; SELECT
 * site_append_load(…)` and `SELECT site_append_write(…); COMMIT` as two messages.
 */
export const SITE_APPEND_SQL = `
  CREATE FUNCTION site_append_load(q jsonb) RETURNS jsonb LANGUAGE plpgsql VOLATILE AS $fn$
  DECLARE
    h site_head%ROWTYPE;
    ids uuid[] := ARRAY(SELECT jsonb_array_elements_text(q->'ids'))::uuid[];
    dossier_ids text[] := ARRAY(SELECT jsonb_array_elements_text(q->'dossierIds'));
    callback_ids text[] := ARRAY(SELECT jsonb_array_elements_text(q->'callbackIds'));
    workstations text[] := ARRAY(SELECT jsonb_array_elements_text(q->'workstations'));
  BEGIN
    SELECT * INTO h FROM site_head FOR UPDATE;
    RETURN jsonb_build_object(
      'pos', h.pos,
      'hash', h.hash,
      'known', (SELECT coalesce(jsonb_agg(jsonb_build_object('id', e.id, 'pos', e.pos, 'outcome', e.outcome, 'batch_id', e.batch_id)), '[]'::jsonb)
                FROM site_events e WHERE e.id = ANY(ids)),
      'dossiers', (SELECT coalesce(jsonb_agg(jsonb_build_object('id', d.id, 'state', d.state)), '[]'::jsonb)
                   FROM site_dossiers d WHERE d.id = ANY(dossier_ids)),
      'callbacks', (SELECT coalesce(jsonb_agg(jsonb_build_object('id', c.id, 'state', c.state)), '[]'::jsonb)
                    FROM site_callbacks c WHERE c.id = ANY(callback_ids)),
      'fields', (SELECT coalesce(jsonb_agg(to_jsonb(f)), '[]'::jsonb) FROM site_fields f WHERE f.dossier_id = ANY(dossier_ids)),
      -- What happens once per room (siteRules.onceInRoomKey) already in the log for these dossiers.
      'once', (SELECT coalesce(jsonb_agg(jsonb_build_object('type', e.type, 'payload', e.payload)), '[]'::jsonb)
               FROM site_events e WHERE e.dossier_id = ANY(dossier_ids) AND e.type = 'queue.waitEscalated' AND e.outcome = 'applied'),
      'operators', (SELECT coalesce(jsonb_agg(to_jsonb(o)), '[]'::jsonb) FROM site_operators o),
      'sessions', (SELECT coalesce(jsonb_agg(jsonb_build_object('workstation', s.workstation, 'operator_id', s.operator_id)), '[]'::jsonb)
                   FROM site_sessions s WHERE s.workstation = ANY(workstations))
    );
  END
  $fn$;

  CREATE FUNCTION site_append_write(w jsonb) RETURNS void LANGUAGE plpgsql VOLATILE AS $fn$
  BEGIN
    IF jsonb_array_length(w->'events') > 0 THEN
      INSERT INTO site_events SELECT * FROM jsonb_populate_recordset(NULL::site_events, w->'events');
      UPDATE site_head SET pos = (w->>'pos')::bigint, hash = w->>'hash';
      INSERT INTO site_dossiers SELECT * FROM jsonb_populate_recordset(NULL::site_dossiers, w->'dossiers')
        ON CONFLICT (id) DO UPDATE SET state = excluded.state, last_pos = excluded.last_pos;
      INSERT INTO site_callbacks SELECT * FROM jsonb_populate_recordset(NULL::site_callbacks, w->'callbacks')
        ON CONFLICT (id) DO UPDATE SET state = excluded.state;
      INSERT INTO site_fields SELECT * FROM jsonb_populate_recordset(NULL::site_fields, w->'fields')
        ON CONFLICT (dossier_id, field) DO UPDATE SET hlc = excluded.hlc, event_id = excluded.event_id;
      INSERT INTO site_operators SELECT * FROM jsonb_populate_recordset(NULL::site_operators, w->'operators')
        ON CONFLICT (id) DO UPDATE SET active = excluded.active, role = excluded.role, display_name = excluded.display_name;
      -- A closed session: on one desk, or on every desk ('*', a deactivation); then the sessions opened.
      DELETE FROM site_sessions s USING jsonb_to_recordset(w->'closedSessions') AS c(workstation text, operator_id text)
        WHERE s.operator_id = c.operator_id AND (c.workstation = '*' OR s.workstation = c.workstation);
      INSERT INTO site_sessions SELECT * FROM jsonb_populate_recordset(NULL::site_sessions, w->'openSessions') ON CONFLICT DO NOTHING;
      -- 'pos instance': the instance that appended tells its own desks itself (siteServer.ts).
      PERFORM pg_notify(w->>'channel', w->>'notice');
    END IF;
    INSERT INTO site_refusals (workstation, batch_id, event_id, code, reason, excerpt)
      SELECT r.workstation, r.batch_id, r.event_id, r.code, r.reason, r.excerpt
      FROM jsonb_to_recordset(w->'refusals') AS r(workstation text, batch_id text, event_id text, code text, reason text, excerpt text);
  END
  $fn$;
`;

/**
 * Schema step 7. A plpgsql function caches a generic plan of each query after five calls, costed
 * for the tables as they were then: a site's pooled connection planned `site_events.id = ANY(ids)`
 * when the log held a few dozen rows, and kept seq-scanning the whole log for every append (the
 * room bench: 93 ms of a 1,000-event group's 100 ms load at 11,000 events, linear in the log).
 * Planned at every call, the lookups use the indexes; planning seven small queries costs well
 * under a millisecond.
 */
export const SITE_APPEND_LOAD_PLANNING_SQL = `
  ALTER FUNCTION site_append_load(jsonb) SET plan_cache_mode = force_custom_plan;
`;

/**
 * A dollar-quoted SQL literal whose tag the text does not contain: nothing in it is an escape, so
 * any text is taken as is (used to send parameters in a multi-statement simple query).
 */
export function dollarQuoted(text: string): string {
  let n = 0;
  let tag = '$v$';
  // The first occurrence of the tag must be the closing one (a text ending in '$v' would close early otherwise).
  while ((text + tag).indexOf(tag) !== text.length) tag = `$v${++n}$`;
  return `${tag}${text}${tag}`;
}
