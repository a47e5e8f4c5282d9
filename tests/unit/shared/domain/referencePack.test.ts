import { describe, expect, it } from 'vitest';
import { lambert93ToWgs84, wgs84ToLambert93 } from '../../../../shared/domain/lambert93';
import { ageInDays, packAge, shortDate } from '../../../../shared/domain/referencePack';
import { parseRotaTime } from '../../../../shared/domain/zonedTime';

describe('reference pack ages and the conversions the packs need', () => {
  it('counts calendar days on the site clock and warns past the maximum', () => {
    expect(ageInDays('2026-12-02', new Date('2026-12-05T10:00:00Z'), 'Europe/Paris')).toBe(3);
    // 23:30 UTC on the 5th is already the 6th in Paris.
    expect(ageInDays('2026-12-02', new Date('2026-12-05T23:30:00Z'), 'Europe/Paris')).toBe(4);
    expect(packAge({ kind: 'rotas', dataDate: '2026-11-01', source: 'x' }, new Date('2026-12-05T10:00:00Z'), 'Europe/Paris', 31)).toMatchObject({ days: 34, stale: true });
    expect(shortDate('2026-12-02')).toBe('02/12');
  });

  it('converts Lambert-93 (FINESS) to WGS84 and back', () => {
    const paris = lambert93ToWgs84(652469, 6861995);
    expect(paris.lat).toBeCloseTo(48.8562, 3);
    expect(paris.lon).toBeCloseTo(2.3522, 3);
    const back = wgs84ToLambert93(paris.lon, paris.lat);
    expect(back.x).toBeCloseTo(652469, 2);
    expect(back.y).toBeCloseTo(6861995, 2);
  });

  it('reads rota times: offsets exact, local times on the site clock, nonsense refused', () => {
    expect(parseRotaTime('2026-12-06T23:40:00+01:00', 'Europe/Paris')).toBe(Date.parse('2026-12-06T22:40:00Z'));
    expect(parseRotaTime('2026-12-06 23:40', 'Europe/Paris')).toBe(Date.parse('2026-12-06T22:40:00Z'));
    expect(parseRotaTime('2026-07-06 23:40', 'Europe/Paris')).toBe(Date.parse('2026-07-06T21:40:00Z'));
    expect(parseRotaTime('2026-12-06 23:40', 'Indian/Reunion')).toBe(Date.parse('2026-12-06T19:40:00Z'));
    expect(parseRotaTime('2026-10-25 02:30', 'Europe/Paris')).toBe(Date.parse('2026-10-25T00:30:00Z'));
    expect(parseRotaTime('06/12/2026 23:40', 'Europe/Paris')).toBeNull();
    expect(parseRotaTime('2026-13-06 23:40', 'Europe/Paris')).toBeNull();
  });
});
