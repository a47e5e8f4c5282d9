/**
 * 012 — the OSNP list read from an index instead of a scan of the dossiers' JSON: the dossier
 * projection stores whether the dossier waits for an appointment (the pure rule
 * awaitsAppointment: SNP, ORIENT CABINET in force, no live appointment), and a partial index
 * holds only those. Rows already there get the former textual test, a superset (the service
 * still applies the rule to each row read); each becomes exact with its next event, or at once
 * with `npm run journal:rebuild`. Appointments by start time: the list also shows the recent
 * ones booked beyond the 48 h window.
 */
export const migration012 = {
  version: 12,
  name: 'awaitingAppointment',
  sql: `
    ALTER TABLE dossiers ADD COLUMN awaits_appointment INTEGER NOT NULL DEFAULT 0;
    UPDATE dossiers SET awaits_appointment = 1 WHERE details LIKE '%"orientationType":"CABINET"%';
    CREATE INDEX dossiers_awaiting_appointment ON dossiers (created_at) WHERE awaits_appointment = 1;
    CREATE INDEX appointments_by_start ON appointments (starts_at);
  `,
} as const;
