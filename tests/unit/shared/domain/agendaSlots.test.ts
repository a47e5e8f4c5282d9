import { describe, expect, it } from 'vitest';
import { rankSlots, slotSearchUrl, withinWindow, type FreeSlot } from '../../../../shared/domain/agendaSlots';

const slot = (slotId: string, start: string, lat: number | null, lon: number | null): FreeSlot => ({
  endpoint: 'A', slotId, start, end: null, practitioner: 'x', rpps: null, specialties: [], place: 'p', phone: null, lat, lon, visibility: ['PUBLIC'], consultation: ['AMB'], bookingUrl: null,
});

describe('GP slots within 48 h: the SAS query and the ranking', () => {
  it('writes the SAS contract\'s query, RPPS identifiers with their OID, the base\'s trailing slash dropped', () => {
    const url = slotSearchUrl('https://agenda.example/fhir/', Date.parse('2026-12-06T22:40:00Z'), Date.parse('2026-12-08T22:40:00Z'), ['10000290937']);
    expect(decodeURIComponent(url)).toBe('https://agenda.example/fhir/Slot?_include=Slot:schedule&_include:iterate=Schedule:actor&start=ge2026-12-06T22:40:00.000Z&start=le2026-12-08T22:40:00.000Z&schedule.actor:Practitioner.identifier=urn:oid:1.2.250.1.71.4.2.1|10000290937&status=free');
    expect(url).toContain('urn%3Aoid%3A1.2.250.1.71.4.2.1%7C10000290937');
    expect(slotSearchUrl('https://a.example/fhir', 0, 1, [])).not.toContain('schedule.actor');
  });

  it('ranks soonest first, then nearest, unknown positions after the known ones at the same time', () => {
    const from = { lat: 45.7461, lon: 4.5301 };
    const ranked = rankSlots([slot('far', '2026-12-07T08:40:00.000Z', 45.7772, 4.5539), slot('nowhere', '2026-12-07T08:40:00.000Z', null, null), slot('near', '2026-12-07T08:40:00.000Z', 45.7458, 4.5335), slot('early', '2026-12-07T06:40:00.000Z', 45.9, 4.9)], from);
    expect(ranked.map((s) => s.slotId)).toEqual(['early', 'near', 'far', 'nowhere']);
    expect(ranked[1]!.distanceMetres).toBeLessThan(500);
    expect(rankSlots([slot('a', '2026-12-07T08:40:00.000Z', 45, 4)], null)[0]!.distanceMetres).toBeNull();
  });

  it('keeps only slots starting within the window, edges included', () => {
    const from = Date.parse('2026-12-06T22:40:00Z');
    const to = from + 48 * 3_600_000;
    expect(withinWindow(slot('a', new Date(from).toISOString(), null, null), from, to)).toBe(true);
    expect(withinWindow(slot('b', new Date(to).toISOString(), null, null), from, to)).toBe(true);
    expect(withinWindow(slot('c', new Date(to + 1).toISOString(), null, null), from, to)).toBe(false);
    expect(withinWindow(slot('d', new Date(from - 60_000).toISOString(), null, null), from, to)).toBe(false);
  });
});
