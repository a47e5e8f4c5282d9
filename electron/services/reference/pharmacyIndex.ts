import type Database from 'better-sqlite3';
import type { Duty, Pharmacy } from '../../../shared/domain/pharmacyOnDuty';
import type { PackMeta } from '../../../shared/domain/referencePack';
import { openPack, packMetaValue, readPackMeta } from './packFile';

/** A row of the pharmacies pack is the domain's Pharmacy, column for column. */
type PharmacyRow = Pharmacy;

/** What the packs say about one instant: the duties around it and the rota's extent. */
export interface DutySnapshot {
  duties: Duty[];
  pharmacies: Map<string, Pharmacy>;
  rota: { fromMs: number; toMs: number } | null;
  nextStartMs: number | null;
  pharmaciesMeta: PackMeta | null;
  rotasMeta: PackMeta | null;
}

/**
 * Read side of the pharmacies and rotas packs. A duty lasts at most the pack's longest duty, so
 * the duties covering an instant are found on the start index alone, whatever the rota's length.
 */
export class PharmacyIndex {
  private readonly pharmacies: Database.Database | null;
  private readonly rotas: Database.Database | null;
  private readonly byFiness: Database.Statement<[string], PharmacyRow> | null;
  private readonly around: Database.Statement<[number, number], { finess: string; start_ms: number; end_ms: number }> | null;
  private readonly nextStart: Database.Statement<[number], number | null> | null;
  private readonly maxDutyMs: number;
  private readonly rotaExtent: { fromMs: number; toMs: number } | null;
  private readonly pharmaciesMeta: PackMeta | null;
  private readonly rotasMeta: PackMeta | null;

  constructor(pharmaciesPath: string, rotasPath: string) {
    this.pharmacies = openPack(pharmaciesPath);
    this.rotas = openPack(rotasPath);
    this.byFiness = this.pharmacies?.prepare<[string], PharmacyRow>('SELECT finess, name, address, postcode, city, phone, lat, lon FROM pharmacies WHERE finess = ?') ?? null;
    // Duties starting within the longest duty before the instant, plus those chaining after it.
    this.around = this.rotas?.prepare<[number, number], { finess: string; start_ms: number; end_ms: number }>('SELECT finess, start_ms, end_ms FROM duties WHERE start_ms >= ? AND start_ms <= ?') ?? null;
    this.nextStart = this.rotas?.prepare<[number], number | null>('SELECT min(start_ms) FROM duties WHERE start_ms > ?').pluck() ?? null;
    this.maxDutyMs = Number((this.rotas && packMetaValue(this.rotas, 'maxDutyMs')) ?? 0);
    const from = this.rotas ? packMetaValue(this.rotas, 'coverageFrom') : undefined;
    const to = this.rotas ? packMetaValue(this.rotas, 'coverageTo') : undefined;
    this.rotaExtent = from && to ? { fromMs: Date.parse(from), toMs: Date.parse(to) } : null;
    this.pharmaciesMeta = this.pharmacies ? readPackMeta(this.pharmacies, 'pharmacies') : null;
    this.rotasMeta = this.rotas ? readPackMeta(this.rotas, 'rotas') : null;
  }

  at(atMs: number): DutySnapshot {
    // Chained duties (19:00 → 00:00 then 00:00 → 09:00) are read up to one longest duty ahead.
    const rows = this.around?.all(atMs - this.maxDutyMs, atMs + this.maxDutyMs) ?? [];
    const duties = rows.map((r) => ({ finess: r.finess, startMs: r.start_ms, endMs: r.end_ms }));
    const pharmacies = new Map<string, Pharmacy>();
    for (const d of duties) {
      if (pharmacies.has(d.finess)) continue;
      const row = this.pharmacy(d.finess);
      if (row) pharmacies.set(d.finess, row);
    }
    return { duties, pharmacies, rota: this.rotaExtent, nextStartMs: this.nextStart?.get(atMs) ?? null, pharmaciesMeta: this.pharmaciesMeta, rotasMeta: this.rotasMeta };
  }

  /**
   * A read-only pack never changes under an open index: each officine is read once, so an answer
   * costs one range query on the rota, not one more query per pharmacy on duty.
   */
  pharmacy(finess: string): Pharmacy | null {
    let row = this.known.get(finess);
    if (row === undefined) {
      row = this.byFiness?.get(finess) ?? null;
      this.known.set(finess, row);
    }
    return row;
  }
  private readonly known = new Map<string, Pharmacy | null>();

  close(): void {
    this.pharmacies?.close();
    this.rotas?.close();
  }
}
