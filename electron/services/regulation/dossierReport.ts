import type { Dossier } from '../../../shared/domain/dossier';
import type { EventRow } from '../journal/eventRow';
import type { ChainVerification } from '../journal/verify';

/** Everything that goes into the HTML is text from users or the journal: escape all of it. */
export function escapeHtml(value: unknown): string {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

export interface ReportInput {
  dossier: Dossier;
  events: readonly EventRow[];
  /** Display names by operator id, to show who wrote each line beside the id. */
  names: ReadonlyMap<string, string>;
  chain: ChainVerification;
  siteName: string;
  generatedAt: string;
}

/**
 * The printable report of one dossier: its summary, its decisions, then every journal event
 * with its author, role and time, and the result of the hash-chain verification. Built here in
 * the services so that the printed record is exactly what the journal holds.
 */
export function buildDossierReport(input: ReportInput): string {
  const { dossier: d, events, names, chain } = input;
  const e = escapeHtml;
  const who = (id: string, role: string) => `${e(names.get(id) ?? id)} (${e(role)})`;
  const chainText = chain.ok
    ? `Chaîne de hachage vérifiée : ${chain.events} évènements, intègre.`
    : `Chaîne de hachage ROMPUE à l’évènement ${e(chain.brokenAt ?? '?')} : ${e(chain.problem ?? '')}`;
  const rows = events
    .map(
      (ev) => `<tr><td>${e(ev.seq)}</td><td>${e(ev.at)}</td><td>${who(ev.actor_id, ev.actor_role)}</td><td>${e(ev.type)}</td><td><code>${e(ev.payload)}</code></td><td><code>${e(ev.hash.slice(0, 16))}</code></td></tr>`,
    )
    .join('\n');
  const decisions = d.decisions
    .map((dec) => {
      const superseded = d.decisions.some((other) => other.supersedes === dec.id);
      const details = [dec.adviceText, dec.prescriptionText, dec.resourceType, dec.orientationType, dec.transport === null ? null : dec.transport ? 'transport' : 'sans transport', dec.destination, dec.reason]
        .filter((x) => x !== null)
        .map(e)
        .join(' · ');
      return `<li${superseded ? ' class="superseded"' : ''}>${e(dec.at)} — ${e(dec.type)} ${e(dec.careLevel)} — ${details} — ${who(dec.authorId, dec.authorRole)}${superseded ? ' (remplacée)' : ''}</li>`;
    })
    .join('\n');
  const notes = d.notes.map((n) => `<li>${e(n.at)} — ${who(n.authorId, n.authorRole)}${n.afterValidation ? ' (après validation)' : ''} : ${e(n.text)}</li>`).join('\n');
  const appointments = d.appointments.map((a) => `<li>${e(a.startsAt)} — ${e(a.practitioner)}, ${e(a.place)} (${e(a.category)}, ${e(a.status)})</li>`).join('\n');
  return `<!DOCTYPE html>
<html lang="fr">
<head><meta charset="utf-8"><title>Dossier ${e(d.localNumber)}</title></head>
<body>
<article class="dossier-report" data-chain-valid="${chain.ok ? 'true' : 'false'}">
<h1>Dossier ${e(d.localNumber)}</h1>
<p>${e(input.siteName)} — dossier ${e(d.kind)}, état ${e(d.state)}, priorité ${e(d.priority)}${d.careLevel ? `, niveau de soin ${e(d.careLevel)}` : ''} — identifiant partagé ${e(d.caseId)}</p>
<p>Créé le ${e(d.createdAt)} — appelant ${e(d.callerPhone ?? 'numéro masqué')} — motif : ${e(d.motive)}</p>
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
<p>Édité le ${e(input.generatedAt)}.</p>
</article>
</body>
</html>`;
}
