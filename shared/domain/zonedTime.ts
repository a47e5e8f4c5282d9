/**
 * A wall-clock time on a given zone's calendar → the instant. Rotas are published in local
 * time ("de 19 h à 9 h"); the night the clocks change, 19:00 → 09:00 lasts 13 or 15 hours, and
 * only the zone's rules know which.
 */
const offsetFormats = new Map<string, Intl.DateTimeFormat>();

/** Offset of the zone from UTC at an instant, in milliseconds (Paris in winter: +3,600,000). */
export function zoneOffsetMs(instant: number, timeZone: string): number {
  let format = offsetFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    offsetFormats.set(timeZone, format);
  }
  const parts = Object.fromEntries(format.formatToParts(instant).map((p) => [p.type, p.value]));
  const asUtc = Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * A time that does not exist (spring forward, 02:30) is taken as the instant after the gap; an
 * ambiguous one (fall back, 02:30 twice) as the first of the two.
 */
export function zonedToInstant(year: number, month: number, day: number, hour: number, minute: number, second: number, timeZone: string): number {
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  const before = wall - zoneOffsetMs(wall - 86_400_000 / 2, timeZone);
  const candidates = [wall - zoneOffsetMs(wall - 12 * 3_600_000, timeZone), wall - zoneOffsetMs(wall + 12 * 3_600_000, timeZone)];
  const exact = candidates.filter((t) => t + zoneOffsetMs(t, timeZone) === wall).sort((a, b) => a - b);
  return exact[0] ?? before;
}

/**
 * ISO 8601 with an offset or Z (exact), or a local "YYYY-MM-DD[T ]hh:mm[:ss]" read on the zone's
 * clock. Null when it is neither.
 */
export function parseRotaTime(text: string, timeZone: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2}))?(Z|[+-]\d{2}:?\d{2})?$/.exec(text.trim());
  if (!match) return null;
  const [y, mo, d, h, mi, s] = match.slice(1, 7).map((v) => Number(v ?? 0)) as [number, number, number, number, number, number];
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 24 || mi > 59 || s > 59) return null;
  if (match[7]) {
    const t = Date.parse(`${match[1]}-${match[2]}-${match[3]}T${match[4]}:${match[5]}:${match[6] ?? '00'}${match[7].length === 5 ? `${match[7].slice(0, 3)}:${match[7].slice(3)}` : match[7]}`);
    return Number.isFinite(t) ? t : null;
  }
  return zonedToInstant(y, mo, d, h, mi, s, timeZone);
}
