import { beyondPromise } from '../../../shared/domain/appointment';
import { DECISION_WORDS, decisionCodes, decisionInWords } from '../../../shared/domain/decisionWords';
import type { Dossier } from '../../../shared/domain/dossier';
import { programmedState } from '../../../shared/domain/lifecycle';
import { formatDateTime } from '../../../shared/domain/siteTime';
import type { EventRow } from '../journal/eventRow';
import type { ChainVerification } from '../journal/verify';

/** Everything that goes into the HTML is text from users or the journal: escape all of it. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/**
 * A CSS string literal that nothing can break out of: every character but letters, digits and
 * spaces as a hexadecimal escape (the site name and dossier number are configuration and journal text).
 */
export function cssString(value: string): string {
  return `"${[...value].map((c) => (/^[A-Za-z0-9 ]$/.test(c) ? c : `\\${c.codePointAt(0)!.toString(16)} `)).join('')}"`;
}

export interface ReportInput {
  dossier: Dossier;
  events: readonly EventRow[];
  /** Display names by operator id, to show who wrote each line beside the id. */
  names: ReadonlyMap<string, string>;
  /** The full verification: the whole chain from the genesis, and this many of the dossier's events re-hashed. */
  chain: ChainVerification & { dossierEvents?: number };
  siteName: string;
  /** The site's zone (config.timeZone): every time in the report is on the site's clock. */
  timeZone: string;
  generatedAt: string;
  /** Whether the dossier's P3 deferred callback has been made (the caller reached). */
  deferredCallbackDone: boolean;
}

/**
 * The print stylesheet, inside the report so that the PDF printed in Electron and the page
 * printed from the browser look the same: A4, the site, dossier and edition time on every page,
 * page numbers (CSS page margin boxes; Electron's printToPDF adds its own header and footer).
 */
export const REPORT_STYLE = `
@page { size: A4; margin: 20mm 14mm 18mm 14mm; }
@page { @bottom-right { content: "page " counter(page) " / " counter(pages); font: 8pt sans-serif; } }
.dossier-report { font: 10pt/1.35 sans-serif; color: #000; background: #fff; }
.dossier-report .report-header { display: flex; justify-content: space-between; gap: 1em; border-bottom: 1px solid #000; padding-bottom: 2mm; margin-bottom: 4mm; font-size: 9pt; }
.dossier-report h1 { font-size: 15pt; margin: 0 0 2mm; }
.dossier-report h2 { font-size: 12pt; margin: 5mm 0 2mm; break-after: avoid; }
.dossier-report table { width: 100%; border-collapse: collapse; font-size: 8pt; }
.dossier-report thead { display: table-header-group; }
.dossier-report th, .dossier-report td { border: 1px solid #999; padding: 1mm 1.5mm; vertical-align: top; text-align: left; }
.dossier-report tr { break-inside: avoid; }
.dossier-report code { font-size: 7.5pt; word-break: break-all; white-space: pre-wrap; }
.dossier-report .superseded { text-decoration: line-through; }
.dossier-report .beyond-promise { font-weight: bold; }
.dossier-report .chain.broken { font-weight: bold; border: 2px solid #000; padding: 1mm; }
`;

/**
 * The printable report of one dossier: its summary, its decisions, then every journal event
 * with its author, role and time, and the result of the hash-chain verification. Built here in
 * the services so that the printed record is exactly what the journal holds.
 */
export function buildDossierReport(input: ReportInput): string {
  const { dossier: d, events, names, chain } = input;
  const e = escapeHtml;
  const shown = programmedState(d, input.deferredCallbackDone);
  const state = shown === 'PROGRAM' ? 'PROGRAM (programmé jusqu’au rappel P3)' : shown;
  // The site's clock for the reader; the exact instant (UTC) stays in the datetime attribute.
  const at = (iso: string) => `<time datetime="${e(iso)}">${e(formatDateTime(new Date(iso), input.timeZone, 'fr'))}</time>`;
  const generated = `${formatDateTime(new Date(input.generatedAt), input.timeZone, 'fr')} (${input.timeZone})`;
  const who = (id: string, role: string) => `${e(names.get(id) ?? id)} (${e(role)})`;
  const chainText = chain.ok
    ? `Chaîne de hachage vérifiée : ${chain.events} évènements, intègre. Vérification complète : la chaîne relue depuis son origine et ${chain.dossierEvents ?? events.length} évènements de ce dossier recalculés un à un.`
    : `Chaîne de hachage ROMPUE à l’évènement ${e(chain.brokenAt ?? '?')} : ${e(chain.problem ?? '')}`;
  const rows = events
    .map(
      (ev) => `<tr><td>${e(ev.seq)}</td><td>${at(ev.at)}</td><td>${who(ev.actor_id, ev.actor_role)}</td><td>${e(ev.type)}</td><td><code>${e(ev.payload)}</code></td><td><code>${e(ev.hash.slice(0, 16))}</code></td></tr>`,
    )
    .join('\n');
  const decisions = d.decisions
    .map((dec) => {
      const superseded = d.decisions.some((other) => other.supersedes === dec.id);
      const details = [dec.adviceText, dec.prescriptionText, dec.transport === null ? null : dec.transport ? 'transport' : 'sans transport', dec.destination, dec.reason]
        .filter((x) => x !== null)
        .map(e)
        .join(' · ');
      // How the author was authenticated when signing (issue 17): PSC with its level, or the local password.
      const proof = dec.authentication === null ? 'authentification non enregistrée' : dec.authentication.method === 'psc' ? `Pro Santé Connect (${e(dec.authentication.acr)}) à ${at(dec.authentication.at)}` : `authentification locale à ${at(dec.authentication.at)}`;
      // Exactly one reading per decision: in force, or replaced; a correction names what it replaced.
      const replaced = dec.supersedes ? d.decisions.find((other) => other.id === dec.supersedes) : undefined;
      const replaces = replaced ? ` — remplace ${e(decisionInWords(replaced, DECISION_WORDS.fr))} (${e(replaced.type)}) du ${at(replaced.at)}` : '';
      return `<li${superseded ? ' class="superseded"' : ' class="in-force"'}>${at(dec.at)} — ${e(decisionInWords(dec, DECISION_WORDS.fr))} <small>${e(decisionCodes(dec))}</small> — ${details} — ${who(dec.authorId, dec.authorRole)} — <span class="authentication">${proof}</span>${replaces}${superseded ? ' (remplacée)' : ' (en vigueur)'}</li>`;
    })
    .join('\n');
  const notes = d.notes.map((n) => `<li>${at(n.at)} — ${who(n.authorId, n.authorRole)}${n.afterValidation ? ' (après validation)' : ''} : ${e(n.text)}</li>`).join('\n');
  const appointments = d.appointments
    .map((a) => {
      const late = beyondPromise(d, a);
      return `<li${late ? ' class="beyond-promise"' : ''}>${at(a.startsAt)} — ${e(a.practitioner)}, ${e(a.place)} (${e(a.category)}, ${e(a.status)})${late ? ' — hors délai 48 h' : ''}</li>`;
    })
    .join('\n');
  return `<!DOCTYPE html>
<html lang="fr">
<head><meta charset="utf-8"><title>Dossier ${e(d.localNumber)}</title><style>${REPORT_STYLE}@page { @top-left { content: ${cssString(`${input.siteName} — dossier ${d.localNumber} — édité le ${generated}`)}; font: 8pt sans-serif; } }</style></head>
<body>
<article class="dossier-report" data-chain-valid="${chain.ok ? 'true' : 'false'}">
<header class="report-header"><span>${e(input.siteName)}</span><span>Dossier ${e(d.localNumber)}</span><span>Édité le ${e(generated)}</span></header>
<h1>Dossier ${e(d.localNumber)}</h1>
<p>${e(input.siteName)} — dossier ${e(d.kind)}, état ${e(state)}, priorité ${e(d.priority)}${d.careLevel ? `, niveau de soin ${e(d.careLevel)}` : ''} — identifiant partagé ${e(d.caseId)}</p>
<p>Créé le ${at(d.createdAt)} — appelant ${e(d.callerPhone ?? 'numéro masqué')} — motif : ${e(d.motive)}</p>
<p class="chain ${chain.ok ? 'ok' : 'broken'}">${chainText}</p>
<h2>Décisions</h2>
<ul>${decisions || '<li>Aucune</li>'}</ul>
<h2>Notes</h2>
<ul>${notes || '<li>Aucune</li>'}</ul>
<h2>Rendez-vous</h2>
<ul>${appointments || '<li>Aucun</li>'}</ul>
<h2>Journal du dossier</h2>
<table>
<thead><tr><th>n°</th><th>horodatage</th><th>auteur (rôle)</th><th>évènement</th><th>contenu</th><th>empreinte</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<p>Édité le ${e(generated)} — heures du site (${e(input.timeZone)}).</p>
</article>
</body>
</html>`;
}
