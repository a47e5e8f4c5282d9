import { distanceMetres } from './lambert93';

/**
 * The pharmacy on duty ("pharmacie de garde", one of the SAS's four mandatory services): from
 * the duties of the rota and the officines of FINESS, those on duty at a given instant, nearest
 * to the patient first. Pure: the packs supply the rows, the caller the instant (site clock).
 */
export interface Duty {
  finess: string;
  startMs: number;
  endMs: number;
}

export interface Pharmacy {
  finess: string;
  name: string;
  address: string;
  postcode: string | null;
  city: string | null;
  phone: string | null;
  lat: number | null;
  lon: number | null;
}

export interface PharmacyOnDuty extends Pharmacy {
  /** Metres from the patient; null when FINESS gives the pharmacy no position (listed last). */
  distanceMetres: number | null;
  /** End of the duty (the latest, when overlapping rotas name the same pharmacy). */
  untilMs: number;
}

export function isOnDuty(duty: Duty, atMs: number): boolean {
  return duty.startMs <= atMs && atMs < duty.endMs;
}

/**
 * On duty at `atMs`: a duty covers [start, end). Overlapping duties of one pharmacy merge into
 * the latest end; pharmacies are ranked by distance, unknown positions last, then by name.
 */
export function pharmaciesOnDuty(duties: readonly Duty[], pharmacies: ReadonlyMap<string, Pharmacy>, atMs: number, from: { lat: number; lon: number } | null): PharmacyOnDuty[] {
  const until = new Map<string, number>();
  for (const d of duties) {
    if (!isOnDuty(d, atMs)) continue;
    // A duty that ends exactly when the next begins for the same pharmacy is one continuous duty.
    const chained = chainEnd(duties, d.finess, d.endMs);
    until.set(d.finess, Math.max(until.get(d.finess) ?? 0, chained));
  }
  const listed: PharmacyOnDuty[] = [];
  for (const [finess, untilMs] of until) {
    const p = pharmacies.get(finess);
    if (!p) continue;
    const distance = from && p.lat !== null && p.lon !== null ? distanceMetres(from, { lat: p.lat, lon: p.lon }) : null;
    listed.push({ ...p, distanceMetres: distance, untilMs });
  }
  return listed.sort((a, b) => (a.distanceMetres ?? Infinity) - (b.distanceMetres ?? Infinity) || BY_NAME.compare(a.name, b.name));
}

/** One collator for every answer: `localeCompare(…, 'fr')` builds one per comparison. */
const BY_NAME = new Intl.Collator('fr');

function chainEnd(duties: readonly Duty[], finess: string, endMs: number): number {
  let end = endMs;
  for (let guard = 0; guard < 50; guard += 1) {
    const next = duties.find((d) => d.finess === finess && d.startMs <= end && d.endMs > end);
    if (!next) return end;
    end = next.endMs;
  }
  return end;
}

export type Coverage =
  | { status: 'covered' }
  /** Nobody on duty now; the rota resumes at nextStartMs (null: not within the rota). */
  | { status: 'gap'; nextStartMs: number | null }
  /** The rota imported ends before this instant (or starts after it): it says nothing about now. */
  | { status: 'outsideRota'; rotaFromMs: number; rotaToMs: number }
  | { status: 'noRota' };

export function coverage(onDutyCount: number, atMs: number, rota: { fromMs: number; toMs: number } | null, nextStartMs: number | null): Coverage {
  if (!rota) return { status: 'noRota' };
  if (atMs < rota.fromMs || atMs >= rota.toMs) return { status: 'outsideRota', rotaFromMs: rota.fromMs, rotaToMs: rota.toMs };
  if (onDutyCount > 0) return { status: 'covered' };
  return { status: 'gap', nextStartMs };
}

/** What the regulator reads to the caller, and what the decision records. */
export function pharmacyAdvice(p: PharmacyOnDuty, untilLabel: string): string {
  const where = [p.address, [p.postcode, p.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
  const phone = p.phone ? `, téléphone ${p.phone.replace(/(\d{2})(?=\d)/g, '$1 ')}` : '';
  return `Pharmacie de garde : ${p.name}, ${where}${phone}, de garde jusqu'à ${untilLabel}. Présentez-vous avec votre ordonnance et votre carte Vitale ; en cas d'aggravation, rappelez le 15.`;
}
