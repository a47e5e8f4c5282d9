import { describe, expect, it } from 'vitest';
import { formatDateEntry, parseDateEntry } from '../../../../shared/domain/dateEntry';

const PARIS = 'Europe/Paris';
// Sunday 6 December 2026, 10:00 in Paris.
const NOW = new Date('2026-12-06T09:00:00Z');
const iso = (text: string, now = NOW, zone = PARIS) => {
  const r = parseDateEntry(text, now, zone);
  return r.ok ? r.instant.toISOString() : r.problem;
};

describe('French dates typed', () => {
  it('reads JJ/MM/AAAA HH:MM and the usual short forms on the site clock', () => {
    expect(iso('06/12/2026 09:30')).toBe('2026-12-06T08:30:00.000Z');
    expect(iso('6/12/2026 9h30')).toBe('2026-12-06T08:30:00.000Z');
    expect(iso('06.12.26 à 09:30')).toBe('2026-12-06T08:30:00.000Z');
    expect(iso('6/12 9h30')).toBe('2026-12-06T08:30:00.000Z');
    expect(iso('07/12 9h')).toBe('2026-12-07T08:00:00.000Z');
    expect(iso('07/12 14H15')).toBe('2026-12-07T13:15:00.000Z');
    expect(iso('demain 9h')).toBe('2026-12-07T08:00:00.000Z');
    expect(iso('Demain à 9h30')).toBe('2026-12-07T08:30:00.000Z');
    expect(iso('après-demain 14h')).toBe('2026-12-08T13:00:00.000Z');
    expect(iso("aujourd'hui 16:45")).toBe('2026-12-06T15:45:00.000Z');
    // The form the first screens asked for still works.
    expect(iso('2026-12-07T09:30')).toBe('2026-12-07T08:30:00.000Z');
  });

  it('takes a date without its year as the next one to come', () => {
    expect(iso('02/01 10h')).toBe('2027-01-02T09:00:00.000Z');
    expect(iso('05/12 10h')).toBe('2027-12-05T09:00:00.000Z');
  });

  it('reads the site clock, not the workstation’s: Réunion is UTC+4 all year', () => {
    expect(iso('06/12/2026 09:30', NOW, 'Indian/Reunion')).toBe('2026-12-06T05:30:00.000Z');
    // "demain" is the site's tomorrow: 22:00 UTC on the 6th is already the 7th in Réunion.
    expect(iso('demain 9h', new Date('2026-12-06T22:00:00Z'), 'Indian/Reunion')).toBe('2026-12-08T05:00:00.000Z');
  });

  it('knows 29 February only in leap years', () => {
    expect(iso('29/02/2028 10:00')).toBe('2028-02-29T09:00:00.000Z');
    expect(iso('29/02/2027 10:00')).toBe('noSuchDate');
    expect(iso('31/04/2027 10:00')).toBe('noSuchDate');
    expect(iso('00/12/2026 10:00')).toBe('noSuchDate');
  });

  it('refuses the hour skipped when summer time starts, and takes the first of the repeated one', () => {
    expect(iso('28/03/2027 02:30')).toBe('noSuchTime');
    expect(iso('28/03/2027 03:30')).toBe('2027-03-28T01:30:00.000Z');
    expect(iso('31/10/2027 02:30')).toBe('2027-10-31T00:30:00.000Z');
    expect(iso('06/12/2026 24:00')).toBe('noSuchTime');
    expect(iso('06/12/2026 09:75')).toBe('noSuchTime');
  });

  it('says when it cannot read the text at all', () => {
    expect(iso('')).toBe('format');
    expect(iso('lundi prochain')).toBe('format');
    expect(iso('06/12/2026')).toBe('format');
    expect(iso('12/2026 9h')).toBe('format');
  });
});

describe('dates shown', () => {
  it('French JJ/MM/AAAA HH:MM, English day and month name, on the site clock', () => {
    const instant = new Date('2026-12-05T08:30:00Z');
    expect(formatDateEntry(instant, PARIS, 'fr')).toBe('05/12/2026 09:30');
    expect(formatDateEntry(instant, PARIS, 'en')).toBe('5 Dec 2026 09:30');
    expect(formatDateEntry(instant, 'Indian/Reunion', 'fr')).toBe('05/12/2026 12:30');
  });

  it('round-trips across the DST change', () => {
    for (const at of ['2027-03-28T00:59:00Z', '2027-03-28T01:00:00Z', '2027-10-31T00:30:00Z', '2028-02-29T23:00:00Z']) {
      const shown = formatDateEntry(new Date(at), PARIS, 'fr');
      expect(iso(shown)).toBe(new Date(at).toISOString());
    }
  });
});
