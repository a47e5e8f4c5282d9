import { describe, expect, it } from 'vitest';
import { coverage, pharmaciesOnDuty, pharmacyAdvice, type Duty, type Pharmacy } from '../../../../shared/domain/pharmacyOnDuty';
import { parseRotaTime } from '../../../../shared/domain/zonedTime';

const TZ = 'Europe/Paris';
const local = (text: string) => parseRotaTime(text, TZ)!;
const pharmacy = (finess: string, name: string, lat: number | null, lon: number | null): Pharmacy => ({ finess, name, address: '1 rue X', postcode: '69690', city: 'BRUSSIEU', phone: '0478451010', lat, lon });
const PHARMACIES = new Map<string, Pharmacy>([
  ['A', pharmacy('A', 'Pharmacie A', 45.7456, 4.5342)], // Brussieu
  ['B', pharmacy('B', 'Pharmacie B', 45.7772, 4.5539)], // Bessenay, ~3.9 km
  ['C', pharmacy('C', 'Pharmacie C', 45.7640, 4.8357)], // Lyon, ~23 km
  ['D', pharmacy('D', 'Pharmacie D', null, null)],
]);
const VILLAGE = { lat: 45.7461, lon: 4.5301 };
const duty = (finess: string, start: string, end: string): Duty => ({ finess, startMs: local(start), endMs: local(end) });

describe('pharmacy on duty', () => {
  it('ranks the pharmacies on duty by distance, those without a position last', () => {
    const duties = [duty('C', '2026-12-06 09:00', '2026-12-07 09:00'), duty('D', '2026-12-06 09:00', '2026-12-07 09:00'), duty('B', '2026-12-06 09:00', '2026-12-07 09:00'), duty('A', '2026-12-06 09:00', '2026-12-07 09:00')];
    const listed = pharmaciesOnDuty(duties, PHARMACIES, local('2026-12-06 23:40'), VILLAGE);
    expect(listed.map((p) => p.finess)).toEqual(['A', 'B', 'C', 'D']);
    expect(listed[0]!.distanceMetres).toBeGreaterThan(200);
    expect(listed[0]!.distanceMetres).toBeLessThan(500);
    expect(listed[1]!.distanceMetres! / 1000).toBeCloseTo(4.0, 0);
    expect(listed[2]!.distanceMetres! / 1000).toBeGreaterThan(22);
    expect(listed[3]!.distanceMetres).toBeNull();
  });

  it('a duty covers [start, end): midnight belongs to the duty that starts at midnight', () => {
    const duties = [duty('A', '2026-12-06 19:00', '2026-12-07 00:00'), duty('B', '2026-12-07 00:00', '2026-12-07 09:00')];
    expect(pharmaciesOnDuty(duties, PHARMACIES, local('2026-12-06 23:59'), VILLAGE).map((p) => p.finess)).toEqual(['A']);
    expect(pharmaciesOnDuty(duties, PHARMACIES, local('2026-12-07 00:00'), VILLAGE).map((p) => p.finess)).toEqual(['B']);
    expect(pharmaciesOnDuty(duties, PHARMACIES, local('2026-12-07 09:00'), VILLAGE)).toEqual([]);
  });

  it('the night the clocks go back, a 19:00 → 09:00 duty lasts 15 hours and covers 02:30 twice', () => {
    const night = duty('A', '2026-10-24 19:00', '2026-10-25 09:00');
    expect(night.endMs - night.startMs).toBe(15 * 3_600_000);
    const firstHalfPast2 = Date.parse('2026-10-25T00:30:00Z'); // 02:30 CEST
    const secondHalfPast2 = Date.parse('2026-10-25T01:30:00Z'); // 02:30 CET
    expect(pharmaciesOnDuty([night], PHARMACIES, firstHalfPast2, VILLAGE)).toHaveLength(1);
    expect(pharmaciesOnDuty([night], PHARMACIES, secondHalfPast2, VILLAGE)).toHaveLength(1);
    const spring = duty('A', '2026-03-28 19:00', '2026-03-29 09:00');
    expect(spring.endMs - spring.startMs).toBe(13 * 3_600_000);
  });

  it('overlapping rotas naming the same pharmacy give it once, until the latest end', () => {
    const duties = [duty('A', '2026-12-06 19:00', '2026-12-07 09:00'), duty('A', '2026-12-06 09:00', '2026-12-07 00:00'), duty('A', '2026-12-07 09:00', '2026-12-07 19:00')];
    const listed = pharmaciesOnDuty(duties, PHARMACIES, local('2026-12-06 23:40'), VILLAGE);
    expect(listed).toHaveLength(1);
    expect(listed[0]!.untilMs).toBe(local('2026-12-07 19:00'));
  });

  it('says plainly when nobody is on duty (a gap), when the rota says nothing about now, or when there is no rota', () => {
    const rota = { fromMs: local('2026-12-01 00:00'), toMs: local('2026-12-31 00:00') };
    expect(coverage(0, local('2026-12-06 23:40'), rota, local('2026-12-07 09:00'))).toEqual({ status: 'gap', nextStartMs: local('2026-12-07 09:00') });
    expect(coverage(2, local('2026-12-06 23:40'), rota, null)).toEqual({ status: 'covered' });
    expect(coverage(0, local('2027-01-02 23:40'), rota, null)).toEqual({ status: 'outsideRota', rotaFromMs: rota.fromMs, rotaToMs: rota.toMs });
    expect(coverage(0, local('2026-12-06 23:40'), null, null)).toEqual({ status: 'noRota' });
  });

  it('words the advice read to the caller', () => {
    const [p] = pharmaciesOnDuty([duty('A', '2026-12-06 19:00', '2026-12-07 09:00')], PHARMACIES, local('2026-12-06 23:40'), VILLAGE);
    expect(pharmacyAdvice(p!, 'lundi 07/12 09:00')).toBe("Pharmacie de garde : Pharmacie A, 1 rue X, 69690 BRUSSIEU, téléphone 04 78 45 10 10, de garde jusqu'à lundi 07/12 09:00. Présentez-vous avec votre ordonnance et votre carte Vitale ; en cas d'aggravation, rappelez le 15.");
  });
});
