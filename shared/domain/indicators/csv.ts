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

export function indicatorsCsv(input: CsvInput): string {
  const rows: string[][] = [];
  const add = (indicateur: string, detail: string, value: number | null, unite: string, decimals = 0) =>
    rows.push([input.from, input.to, input.timeZone, indicateur, detail, value === null ? '' : frenchNumber(value, decimals), unite]);
  const pct = (indicateur: string, s: { count: number; share: number | null }) => {
    add(indicateur, 'nombre', s.count, 'appels');
    add(indicateur, 'part', s.share === null ? null : s.share * 100, '%', 1);
  };
  const { calls, callbacks, dossiers, decisions, snp } = input.indicators;
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
  add('appels_perdus_rappeles', 'nombre', callbacks.lostCalledBack.count, 'appels');
  add('appels_perdus_rappeles', 'part', callbacks.lostCalledBack.share === null ? null : callbacks.lostCalledBack.share * 100, '%', 1);
  add('appels_perdus_joints', '', callbacks.lostReached, 'appels');
  add('delai_rappel', 'p50', callbacks.callbackDelayP50Min, 'min');
  add('delai_rappel', 'p90', callbacks.callbackDelayP90Min, 'min');
  add('rappels_differes_p3', '', callbacks.deferred, 'dossiers');
  add('rappels_differes_p3_en_retard', '', callbacks.deferredLate, 'dossiers');
  add('rappels_escalades', '', callbacks.escalated, 'rappels');
  add('dossiers', '', dossiers.total, 'dossiers');
  for (const [k, v] of Object.entries(dossiers.byOrigin)) add('dossiers_par_origine', k, v, 'dossiers');
  for (const [k, v] of Object.entries(dossiers.byKind)) add('dossiers_par_type', k, v, 'dossiers');
  for (const [k, v] of Object.entries(dossiers.byPriority)) add('dossiers_par_priorite', k, v, 'dossiers');
  for (const [k, v] of Object.entries(dossiers.byBranch)) add('dossiers_par_filiere', k, v, 'dossiers');
  for (const w of dossiers.waits) {
    add('attente_file', `${w.queue} ${w.priority} pris`, w.taken, 'dossiers');
    add('attente_file', `${w.queue} ${w.priority} p50`, w.p50Min, 'min');
    add('attente_file', `${w.queue} ${w.priority} p90`, w.p90Min, 'min');
    add('attente_file', `${w.queue} ${w.priority} escalades`, w.escalated, 'dossiers');
  }
  add('temps_regulation', 'p50', dossiers.regulationP50Min, 'min');
  add('temps_regulation', 'p90', dossiers.regulationP90Min, 'min');
  for (const [k, v] of Object.entries(decisions.byType)) add('decisions', k, v, 'decisions');
  for (const [k, v] of Object.entries(decisions.interByResource)) add('decisions_inter_par_moyen', k, v, 'decisions');
  for (const [k, v] of Object.entries(decisions.orientByOrientation)) add('decisions_orient_par_orientation', k, v, 'decisions');
  add('snp_orientes_medecin', '', snp.oriented, 'dossiers');
  add('snp_rdv_48h', 'nombre', snp.within48h.count, 'dossiers');
  add('snp_rdv_48h', 'part', snp.within48h.share === null ? null : snp.within48h.share * 100, '%', 1);
  add('snp_rdv_hors_48h', '', snp.beyond48h, 'dossiers');
  add('snp_sans_rdv', '', snp.none, 'dossiers');
  add('snp_delai_rdv', 'p50', snp.delayP50H, 'h');
  add('orientations_pharmacie', '', dossiers.pharmacy, 'dossiers');
  for (const b of input.series) {
    add('serie_appels_presentes', b.bucket, b.presented, 'appels');
    add('serie_appels_decroches', b.bucket, b.answered, 'appels');
    add('serie_appels_decroches_60s', b.bucket, b.answered60s, 'appels');
    add('serie_appels_perdus', b.bucket, b.lost, 'appels');
  }
  return `\uFEFF${[CSV_COLUMNS.join(';'), ...rows.map((r) => r.map(field).join(';'))].join('\r\n')}\r\n`;
}
