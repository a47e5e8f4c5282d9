/**
 * The period's indicators as CSV for the ARS and the SAMU's management: UTF-8 with a BOM (so
 * Excel reads the accents), `;` between fields, French decimals (`87,5`), CRLF line ends. One row
 * per figure, in long format (columns documented in the README, "Supervisor"):
 * `debut;fin;fuseau;indicateur;detail;valeur;unite`.
 */
import type { Indicators } from './summary';
import type { SeriesBucket } from './series';

export const CSV_COLUMNS = ['debut', 'fin', 'fuseau', 'indicateur', 'detail', 'valeur', 'unite'] as const;

export interface CsvInput {
  from: string;
  to: string;
  timeZone: string;
  indicators: Indicators;
  series: readonly SeriesBucket[];
}

/** A number with a French decimal comma; shares as percentages with one decimal. */
export function frenchNumber(value: number, decimals = 0): string {
  return value.toFixed(decimals).replace('.', ',');
}

function field(text: string): string {
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The per-bucket figures of the series, in the order of their rows. */
const SERIES_ROWS: ReadonlyArray<[string, (b: SeriesBucket) => number]> = [
  ['serie_appels_presentes', (b) => b.presented],
  ['serie_appels_decroches', (b) => b.answered],
  ['serie_appels_decroches_60s', (b) => b.answered60s],
  ['serie_appels_perdus', (b) => b.lost],
];

export function indicatorsCsv(input: CsvInput): string {
  const rows: string[][] = [];
  const add = (indicateur: string, detail: string, value: number | null, unite: string, decimals = 0) =>
    rows.push([input.from, input.to, input.timeZone, indicateur, detail, value === null ? '' : frenchNumber(value, decimals), unite]);
  /** Every table of the CSV (counts by key, waits, series) is one indicator over (detail, value) pairs: one loop. */
  const addEach = (indicateur: string, pairs: Iterable<readonly [string, number | null]>, unite: string) => {
    for (const [detail, value] of pairs) add(indicateur, detail, value, unite);
  };
  const pct = (indicateur: string, s: { count: number; share: number | null }, unite = 'appels') => {
    add(indicateur, 'nombre', s.count, unite);
    add(indicateur, 'part', s.share === null ? null : s.share * 100, '%', 1);
  };
  const { calls, callbacks, dossiers, decisions, snp, hub } = input.indicators;
  add('appels_presentes', '', calls.presented, 'appels');
  add('appels_decroches', '', calls.answered, 'appels');
  add('appels_perdus', '', calls.lost, 'appels');
  add('appels_abandonnes_avant_decroche', '', calls.abandoned, 'appels');
  add('appels_perdus_apres_15s', '', calls.lostAfter15s, 'appels');
  add('appels_sortants', '', calls.outbound, 'appels');
  pct('decroches_15s', calls.within15s);
  pct('decroches_30s', calls.within30s);
  pct('decroches_60s', calls.within60s);
  add('delai_decroche', 'p50', calls.ttaP50s, 's');
  add('delai_decroche', 'p90', calls.ttaP90s, 's');
  add('appels_perdus_en_rappel', '', callbacks.lostCalls, 'appels');
  pct('appels_perdus_rappeles', callbacks.lostCalledBack);
  add('appels_perdus_joints', '', callbacks.lostReached, 'appels');
  add('delai_rappel', 'p50', callbacks.callbackDelayP50Min, 'min');
  add('delai_rappel', 'p90', callbacks.callbackDelayP90Min, 'min');
  add('rappels_differes_p3', '', callbacks.deferred, 'dossiers');
  add('rappels_differes_p3_en_retard', '', callbacks.deferredLate, 'dossiers');
  add('rappels_escalades', '', callbacks.escalated, 'rappels');
  add('dossiers', '', dossiers.total, 'dossiers');
  addEach('dossiers_par_origine', Object.entries(dossiers.byOrigin), 'dossiers');
  addEach('dossiers_par_type', Object.entries(dossiers.byKind), 'dossiers');
  addEach('dossiers_par_priorite', Object.entries(dossiers.byPriority), 'dossiers');
  addEach('dossiers_par_filiere', Object.entries(dossiers.byBranch), 'dossiers');
  for (const w of dossiers.waits) {
    const cell = `${w.queue} ${w.priority}`;
    add('attente_file', `${cell} pris`, w.taken, 'dossiers');
    add('attente_file', `${cell} p50`, w.p50Min, 'min');
    add('attente_file', `${cell} p90`, w.p90Min, 'min');
    add('attente_file', `${cell} escalades`, w.escalated, 'dossiers');
  }
  add('temps_regulation', 'p50', dossiers.regulationP50Min, 'min');
  add('temps_regulation', 'p90', dossiers.regulationP90Min, 'min');
  addEach('decisions', Object.entries(decisions.byType), 'decisions');
  addEach('decisions_inter_par_moyen', Object.entries(decisions.interByResource), 'decisions');
  addEach('decisions_orient_par_orientation', Object.entries(decisions.orientByOrientation), 'decisions');
  add('snp_orientes_medecin', '', snp.oriented, 'dossiers');
  pct('snp_rdv_48h', snp.within48h, 'dossiers');
  add('snp_rdv_hors_48h', '', snp.beyond48h, 'dossiers');
  add('snp_sans_rdv', '', snp.none, 'dossiers');
  add('snp_delai_rdv', 'p50', snp.delayP50H, 'h');
  add('orientations_pharmacie', '', dossiers.pharmacy, 'dossiers');
  add('hub_messages_emis', '', hub.sent, 'messages');
  addEach('hub_messages_emis_par_type', Object.entries(hub.sentByKind), 'messages');
  add('hub_messages_acquittes', '', hub.acknowledged, 'messages');
  add('hub_messages_refuses', '', hub.refused, 'messages');
  add('hub_messages_recus', '', hub.received, 'messages');
  addEach('hub_messages_recus_par_type', Object.entries(hub.receivedByKind), 'messages');
  add('hub_messages_recus_refuses_ici', '', hub.receivedRejected, 'messages');
  for (const [indicateur, value] of SERIES_ROWS) addEach(indicateur, input.series.map((b) => [b.bucket, value(b)] as const), 'appels');
  return `\uFEFF${[CSV_COLUMNS.join(';'), ...rows.map((r) => r.map(field).join(';'))].join('\r\n')}\r\n`;
}
