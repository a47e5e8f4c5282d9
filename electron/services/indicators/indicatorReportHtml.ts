import { frenchNumber } from '../../../shared/domain/indicators/csv';
import type { SeriesBucket } from '../../../shared/domain/indicators/series';
import type { Indicators } from '../../../shared/domain/indicators/summary';
import { formatDateTime } from '../../../shared/domain/siteTime';
import { escapeHtml as e } from '../regulation/dossierReport';

export interface IndicatorReportInput {
  siteName: string;
  timeZone: string;
  from: string;
  to: string;
  indicators: Indicators;
  series: readonly SeriesBucket[];
  generatedAt: string;
}

const STYLE = `
@page { size: A4; margin: 18mm 14mm; }
@page { @bottom-right { content: "page " counter(page) " / " counter(pages); font: 8pt sans-serif; } }
body { font: 10pt/1.35 sans-serif; color: #000; background: #fff; }
header { display: flex; justify-content: space-between; border-bottom: 1px solid #000; padding-bottom: 2mm; margin-bottom: 4mm; font-size: 9pt; }
h1 { font-size: 15pt; margin: 0 0 2mm; } h2 { font-size: 12pt; margin: 5mm 0 2mm; break-after: avoid; }
table { border-collapse: collapse; width: 100%; break-inside: auto; } tr { break-inside: avoid; }
th, td { border: 0.3mm solid #555; padding: 1mm 2mm; text-align: left; } td.n { text-align: right; font-variant-numeric: tabular-nums; }
`;

const pct = (share: number | null) => (share === null ? '—' : `${frenchNumber(share * 100, 1)} %`);
const num = (v: number | null, unit = '') => (v === null ? '—' : `${frenchNumber(v)}${unit ? ` ${unit}` : ''}`);

function table(caption: string, rows: Array<[string, string]>): string {
  return `<h2>${e(caption)}</h2><table><tbody>${rows.map(([k, v]) => `<tr><th scope="row">${e(k)}</th><td class="n">${e(v)}</td></tr>`).join('')}</tbody></table>`;
}

/** The printable A4 report of a period's indicators (the PDF the ARS receives), escaped HTML. */
export function buildIndicatorReport(input: IndicatorReportInput): string {
  const { calls, callbacks, dossiers, decisions, snp, hub } = input.indicators;
  const generated = formatDateTime(new Date(input.generatedAt), input.timeZone, 'fr-FR');
  const sections = [
    table('Appels', [
      ['Présentés', num(calls.presented)],
      ['Décrochés', num(calls.answered)],
      ['Perdus', num(calls.lost)],
      ['Abandonnés avant décroché', num(calls.abandoned)],
      ['Perdus après 15 s', num(calls.lostAfter15s)],
      ['Décrochés ≤ 15 s', `${num(calls.within15s.count)} (${pct(calls.within15s.share)})`],
      ['Décrochés ≤ 30 s', `${num(calls.within30s.count)} (${pct(calls.within30s.share)})`],
      ['Décrochés ≤ 60 s', `${num(calls.within60s.count)} (${pct(calls.within60s.share)})`],
      ['Délai de décroché p50 / p90', `${num(calls.ttaP50s, 's')} / ${num(calls.ttaP90s, 's')}`],
    ]),
    table('Rappels', [
      ['Appels perdus à rappeler', num(callbacks.lostCalls)],
      ['Rappelés', `${num(callbacks.lostCalledBack.count)} (${pct(callbacks.lostCalledBack.share)})`],
      ['Joints', num(callbacks.lostReached)],
      ['Délai de rappel p50 / p90', `${num(callbacks.callbackDelayP50Min, 'min')} / ${num(callbacks.callbackDelayP90Min, 'min')}`],
      ['Régulations différées P3 (en retard)', `${num(callbacks.deferred)} (${num(callbacks.deferredLate)})`],
    ]),
    table('Dossiers', [
      ['Dossiers', num(dossiers.total)],
      ...Object.entries(dossiers.byOrigin).map(([k, v]): [string, string] => [`Origine ${k}`, num(v)]),
      ...Object.entries(dossiers.byKind).map(([k, v]): [string, string] => [`Type ${k}`, num(v)]),
      ...Object.entries(dossiers.byPriority).map(([k, v]): [string, string] => [`Priorité ${k}`, num(v)]),
      ...Object.entries(dossiers.byBranch).map(([k, v]): [string, string] => [`Filière ${k}`, num(v)]),
      ['Temps de régulation p50 / p90', `${num(dossiers.regulationP50Min, 'min')} / ${num(dossiers.regulationP90Min, 'min')}`],
      ['Orientations pharmacie', num(dossiers.pharmacy)],
    ]),
    table(
      'Attente en file (filière × priorité)',
      dossiers.waits.map((w): [string, string] => [`${w.queue} ${w.priority}`, `${num(w.taken)} pris · p50 ${num(w.p50Min, 'min')} · p90 ${num(w.p90Min, 'min')} · ${num(w.escalated)} escaladés`]),
    ),
    table('Décisions en vigueur', [
      ...Object.entries(decisions.byType).map(([k, v]): [string, string] => [k, num(v)]),
      ...Object.entries(decisions.interByResource).map(([k, v]): [string, string] => [`INTER ${k}`, num(v)]),
      ...Object.entries(decisions.orientByOrientation).map(([k, v]): [string, string] => [`ORIENT ${k}`, num(v)]),
    ]),
    table('SNP : rendez-vous dans les 48 h', [
      ['Orientés vers un médecin', num(snp.oriented)],
      ['Rendez-vous ≤ 48 h', `${num(snp.within48h.count)} (${pct(snp.within48h.share)})`],
      ['Rendez-vous hors délai 48 h', num(snp.beyond48h)],
      ['Sans rendez-vous', num(snp.none)],
    ]),
    table('Messages Hub Santé', [
      ['Émis', num(hub.sent)],
      ...Object.entries(hub.sentByKind).map(([k, v]): [string, string] => [`Émis ${k}`, num(v)]),
      ['Acquittés par le destinataire (RC-REF)', num(hub.acknowledged)],
      ['Refusés par le destinataire (RS-ERROR)', num(hub.refused)],
      ['Reçus', num(hub.received)],
      ...Object.entries(hub.receivedByKind).map(([k, v]): [string, string] => [`Reçus ${k}`, num(v)]),
      ['Reçus refusés ici', num(hub.receivedRejected)],
    ]),
    `<h2>Appels par période</h2><table><thead><tr><th scope="col">Période</th><th scope="col">Présentés</th><th scope="col">Décrochés</th><th scope="col">≤ 60 s</th><th scope="col">Perdus</th></tr></thead><tbody>${input.series
      .filter((b) => b.presented > 0 || b.answered > 0)
      .map((b) => `<tr><th scope="row">${e(b.bucket)}</th><td class="n">${num(b.presented)}</td><td class="n">${num(b.answered)}</td><td class="n">${num(b.answered60s)}</td><td class="n">${num(b.lost)}</td></tr>`)
      .join('')}</tbody></table>`,
  ];
  return `<!doctype html><html lang="fr"><head><meta charset="utf-8"><title>Indicateurs ${e(input.from)} – ${e(input.to)}</title><style>${STYLE}</style></head>
<body><article class="indicator-report">
<header><span>${e(input.siteName)}</span><span>Indicateurs du ${e(input.from)} au ${e(input.to)} (heure du site, ${e(input.timeZone)})</span><span>Édité le ${e(generated)}</span></header>
<h1>Indicateurs SAMU / SAS</h1>
${sections.join('\n')}
</article></body></html>`;
}
