import type Database from 'better-sqlite3';
import { parseRotaTime } from '../../../../shared/domain/zonedTime';
import { BadRows, readLines } from '../lines';
import type { LoadResult, PackProgress } from '../packFile';

/**
 * Pharmacy duty rotas ("gardes"), as the ARS or the profession publish them for a département.
 * Two accepted forms (README, "Reference packs"):
 *  - CSV, `;` or `,`, header `finess;debut;fin` (any further column ignored), times ISO 8601 with
 *    an offset, or local "YYYY-MM-DD hh:mm" read on the site's clock;
 *  - iCalendar: one VEVENT per duty, DTSTART/DTEND (UTC, TZID or floating = site clock), the
 *    pharmacy's FINESS number in `X-FINESS` or as "FINESS 690001234" in LOCATION/DESCRIPTION/SUMMARY.
 * A duty naming a pharmacy absent from the pharmacies pack (when there is one) is refused.
 */
export const ROTAS_SCHEMA = `
  CREATE TABLE duties (finess TEXT NOT NULL, start_ms INTEGER NOT NULL, end_ms INTEGER NOT NULL) STRICT;
`;

export interface RotaOptions {
  timeZone: string;
  /** FINESS numbers of the pharmacies pack; null when none is imported (nothing to check against). */
  knownPharmacies: ReadonlySet<string> | null;
}

interface Duty {
  finess: string;
  start: number;
  end: number;
}

const MAX_DUTY_MS = 7 * 86_400_000;

export async function loadRotas(db: Database.Database, path: string, totalBytes: number, options: RotaOptions, onProgress?: (p: PackProgress) => void): Promise<LoadResult> {
  db.exec(ROTAS_SCHEMA);
  const insert = db.prepare('INSERT INTO duties VALUES (?, ?, ?)');
  const bad = new BadRows();
  const duties: Array<Duty & { line: number }> = [];
  let first = true;
  let isIcs = false;
  let csv: { finess: number; start: number; end: number; sep: string } | null = null;
  let event: Record<string, string> | null = null;
  let eventLine = 0;
  let lineNumber = 0;
  let pending: string | null = null;

  const icsLine = (line: string, at: number) => {
    if (line === 'BEGIN:VEVENT') {
      event = {};
      eventLine = at;
    } else if (line === 'END:VEVENT' && event) {
      const finess = event['X-FINESS'] ?? /FINESS\D{0,3}(\d[0-9AB]\d{7})/i.exec([event.LOCATION, event.DESCRIPTION, event.SUMMARY].join(' '))?.[1];
      const start = icsTime(event.DTSTART, options.timeZone);
      const end = icsTime(event.DTEND, options.timeZone);
      if (!finess) bad.add(eventLine, 'garde sans numéro FINESS');
      else if (start === null || end === null) bad.add(eventLine, 'DTSTART ou DTEND illisible');
      else duties.push({ finess: finess.trim(), start, end, line: eventLine });
      event = null;
    } else if (event) {
      const colon = line.indexOf(':');
      if (colon > 0) {
        const [name, ...params] = line.slice(0, colon).split(';');
        const tzid = params.find((p) => p.startsWith('TZID='))?.slice(5);
        event[name!.toUpperCase()] = tzid ? `${tzid}|${line.slice(colon + 1)}` : line.slice(colon + 1);
      }
    }
  };

  for await (const raw of readLines(path, totalBytes, onProgress)) {
    lineNumber += 1;
    if (first) {
      first = false;
      isIcs = raw.trim() === 'BEGIN:VCALENDAR';
      if (!isIcs) {
        const sep = raw.includes(';') ? ';' : ',';
        const header = raw.split(sep).map((h) => h.trim().toLowerCase());
        const col = (...names: string[]) => header.findIndex((h) => names.includes(h));
        csv = { finess: col('finess', 'pharmacie', 'id'), start: col('debut', 'début', 'start'), end: col('fin', 'end'), sep };
        if (csv.finess < 0 || csv.start < 0 || csv.end < 0) throw new Error(`${path} is neither an iCalendar file nor a rota CSV with columns finess;debut;fin`);
      }
      continue;
    }
    if (isIcs) {
      // RFC 5545 folding: a line starting with a space continues the previous one.
      if (raw.startsWith(' ') || raw.startsWith('\t')) {
        pending = (pending ?? '') + raw.slice(1);
        continue;
      }
      if (pending !== null) icsLine(pending, lineNumber - 1);
      pending = raw;
      continue;
    }
    if (raw.trim() === '') continue;
    const f = raw.split(csv!.sep);
    const finess = (f[csv!.finess] ?? '').trim();
    const start = parseRotaTime(f[csv!.start] ?? '', options.timeZone);
    const end = parseRotaTime(f[csv!.end] ?? '', options.timeZone);
    if (!/^\d[0-9AB]\d{7}$/.test(finess)) bad.add(lineNumber, `numéro FINESS invalide « ${finess} »`);
    else if (start === null || end === null) bad.add(lineNumber, 'date de début ou de fin illisible');
    else duties.push({ finess, start, end, line: lineNumber });
  }
  if (isIcs && pending !== null) icsLine(pending, lineNumber);

  let rows = 0;
  let maxDuty = 0;
  let from = Infinity;
  let to = -Infinity;
  db.transaction(() => {
    for (const d of duties) {
      if (d.end <= d.start) bad.add(d.line, 'la fin précède le début');
      else if (d.end - d.start > MAX_DUTY_MS) bad.add(d.line, 'garde de plus de 7 jours');
      else if (options.knownPharmacies && !options.knownPharmacies.has(d.finess)) bad.add(d.line, `pharmacie ${d.finess} absente du pack des pharmacies`);
      else {
        insert.run(d.finess, d.start, d.end);
        rows += 1;
        maxDuty = Math.max(maxDuty, d.end - d.start);
        from = Math.min(from, d.start);
        to = Math.max(to, d.end);
      }
    }
  })();
  db.exec('CREATE INDEX duties_by_start ON duties (start_ms, end_ms)');
  return {
    rows,
    badRows: bad.count,
    badSamples: bad.samples,
    dataDate: new Date().toISOString().slice(0, 10),
    extra: { maxDutyMs: String(maxDuty), coverageFrom: rows ? new Date(from).toISOString() : '', coverageTo: rows ? new Date(to).toISOString() : '' },
  };
}

/** "20261206T200000Z", "Europe/Paris|20261206T200000" (TZID) or floating "20261206T200000". */
function icsTime(value: string | undefined, siteZone: string): number | null {
  if (!value) return null;
  const [zone, text] = value.includes('|') ? (value.split('|') as [string, string]) : [siteZone, value];
  const match = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)$/.exec(text.trim());
  if (!match) return null;
  const iso = `${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6]}${match[7]}`;
  return parseRotaTime(iso, zone);
}
