import type Database from 'better-sqlite3';
import type { z } from 'zod';
import type { practitionerSchema } from '../../../shared/api/orientationSchemas';
import { prefixEnd, type PractitionerQuery } from '../../../shared/domain/practitionerQuery';
import { openPack } from './packFile';

type Practitioner = z.output<typeof practitionerSchema>;

interface Row {
  rpps: string;
  last_name: string;
  first_name: string | null;
  profession: string;
  specialty: string | null;
  place: string | null;
  address: string | null;
  postcode: string | null;
  city: string | null;
  phone: string | null;
}

const COLUMNS = 'rowid AS id, rpps, last_name, first_name, profession, specialty, place, address, postcode, city, phone';

/**
 * Read side of the RPPS pack: one row per practitioner and place, found through the pack's
 * indexes only (RPPS number, folded name, folded commune), grouped per practitioner.
 */
export class PractitionerIndex {
  private readonly db: Database.Database | null;
  private readonly byId: Database.Statement<[string, number]> | null;
  private readonly byName: Database.Statement<[string, string, number]> | null;
  private readonly byCity: Database.Statement<[string, string, number]> | null;
  private readonly byNameInCity: Database.Statement<[string, string, string, string, number]> | null;
  private readonly placesOf: Database.Statement<[string]> | null;

  constructor(path: string) {
    this.db = openPack(path);
    const db = this.db;
    this.byId = db?.prepare(`SELECT ${COLUMNS} FROM practitioners WHERE rpps = ? LIMIT ?`) ?? null;
    this.byName = db?.prepare(`SELECT ${COLUMNS} FROM practitioners WHERE name_key >= ? AND name_key < ? ORDER BY name_key, first_name LIMIT ?`) ?? null;
    this.byCity = db?.prepare(`SELECT ${COLUMNS} FROM practitioners WHERE city_key >= ? AND city_key < ? ORDER BY name_key, first_name LIMIT ?`) ?? null;
    this.byNameInCity = db?.prepare(`SELECT ${COLUMNS} FROM practitioners WHERE name_key >= ? AND name_key < ? AND city_key >= ? AND city_key < ? ORDER BY name_key, first_name LIMIT ?`) ?? null;
    this.placesOf = db?.prepare(`SELECT ${COLUMNS} FROM practitioners WHERE rpps = ? ORDER BY rowid`) ?? null;
  }

  /**
   * Up to `limit` practitioners, each with all the places the extraction lists: name and commune
   * matches first (in name order), then the name-only matches, then the commune-only ones.
   */
  find(query: PractitionerQuery, limit: number): { practitioners: Practitioner[]; truncated: boolean } {
    if (!this.db) return { practitioners: [], truncated: false };
    // One row more than needed per way in tells whether the list was cut.
    const rowCap = limit * 4 + 1;
    const found: Row[][] = [];
    if (query.kind === 'id') found.push(this.byId!.all(query.id, rowCap) as Row[]);
    else {
      for (const { name, city } of query.splits) found.push(this.byNameInCity!.all(name, prefixEnd(name), city, prefixEnd(city), rowCap) as Row[]);
      found.push(this.byName!.all(query.key, prefixEnd(query.key), rowCap) as Row[]);
      found.push(this.byCity!.all(query.key, prefixEnd(query.key), rowCap) as Row[]);
    }
    const order: string[] = [];
    let truncated = false;
    for (const rows of found) {
      if (rows.length >= rowCap) truncated = true;
      for (const row of rows) if (!order.includes(row.rpps)) order.push(row.rpps);
    }
    if (order.length > limit) truncated = true;
    return { practitioners: order.slice(0, limit).map((rpps) => this.practitioner(this.placesOf!.all(rpps) as Row[])), truncated };
  }

  private practitioner(rows: Row[]): Practitioner {
    const first = rows[0]!;
    return {
      rpps: first.rpps,
      lastName: first.last_name,
      firstName: first.first_name ?? '',
      profession: first.profession,
      specialty: rows.map((r) => r.specialty ?? '').find(Boolean) ?? '',
      places: rows.map((r) => ({ place: r.place ?? '', address: r.address ?? '', postcode: r.postcode ?? '', city: r.city ?? '', phone: r.phone ?? '' })),
    };
  }

  close(): void {
    this.db?.close();
  }
}
