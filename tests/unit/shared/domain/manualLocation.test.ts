import { describe, expect, it } from 'vitest';
import { checkManualLocation, parseCoordinates, searchCommunes, searchPosition, type Commune } from '../../../../shared/domain/manualLocation';
import type { DossierLocation, UnverifiedLocation } from '../../../../shared/domain/dossier';

const COMMUNES: Commune[] = [
  { name: 'Saint-Genis-Laval', inseeCode: '69204', postcode: '69230', lat: 45.695, lon: 4.793 },
  { name: 'Saint-Genis-les-Ollières', inseeCode: '69205', postcode: '69290', lat: 45.757, lon: 4.727 },
  { name: 'Lyon', inseeCode: '69123', postcode: '69001', lat: 45.758, lon: 4.835 },
  { name: 'Écully', inseeCode: '69081', postcode: '69130', lat: 45.774, lon: 4.777 },
  { name: 'Villeurbanne', inseeCode: '69266', postcode: '69100', lat: 45.771, lon: 4.89 },
];
const list = { byInsee: (code: string) => COMMUNES.find((c) => c.inseeCode === code) ?? null };

describe('manual location: the commune list', () => {
  it('finds communes by the beginnings of their words, accents, case and "St" ignored', () => {
    expect(searchCommunes(COMMUNES, 'st genis lav', 5).map((c) => c.name)).toEqual(['Saint-Genis-Laval']);
    expect(searchCommunes(COMMUNES, 'SAINT GENIS', 5).map((c) => c.name)).toEqual(['Saint-Genis-Laval', 'Saint-Genis-les-Ollières']);
    expect(searchCommunes(COMMUNES, 'ecul', 5).map((c) => c.name)).toEqual(['Écully']);
    expect(searchCommunes(COMMUNES, 'ollieres', 5).map((c) => c.inseeCode)).toEqual(['69205']);
    // By postcode or INSEE code.
    expect(searchCommunes(COMMUNES, '69100', 5).map((c) => c.name)).toEqual(['Villeurbanne']);
    expect(searchCommunes(COMMUNES, '6920', 5).map((c) => c.inseeCode)).toEqual(['69204', '69205']);
    // An exact name first.
    expect(searchCommunes([...COMMUNES, { name: 'Lyonnais', inseeCode: '69999', postcode: null, lat: 0, lon: 0 }], 'lyon', 5)[0]!.name).toBe('Lyon');
    expect(searchCommunes(COMMUNES, 'paris', 5)).toEqual([]);
    expect(searchCommunes(COMMUNES, ' -- ', 5)).toEqual([]);
  });
});

describe('manual location: coordinates as dictated', () => {
  it('reads decimal degrees with a dot or a decimal comma, and degrees-minutes-seconds', () => {
    expect(parseCoordinates('45.7578, 4.8320')).toEqual({ ok: true, lat: 45.7578, lon: 4.832 });
    expect(parseCoordinates('45,7578 4,8320')).toEqual({ ok: true, lat: 45.7578, lon: 4.832 });
    expect(parseCoordinates('45,7578; 4,8320')).toEqual({ ok: true, lat: 45.7578, lon: 4.832 });
    expect(parseCoordinates('45,7578, 4,8320')).toEqual({ ok: true, lat: 45.7578, lon: 4.832 });
    expect(parseCoordinates('-21,1151 55,5364')).toEqual({ ok: true, lat: -21.1151, lon: 55.5364 });
    expect(parseCoordinates(`45°45'28"N 4°49'55"E`)).toEqual({ ok: true, lat: 45.757778, lon: 4.831944 });
    expect(parseCoordinates('45°45′28″N, 1°20′O')).toEqual({ ok: true, lat: 45.757778, lon: -1.333333 });
    expect(parseCoordinates('45°45,5′ N 4°49′ E')).toEqual({ ok: true, lat: 45.758333, lon: 4.816667 });
  });

  it('says absurd coordinates are out of range, and unreadable ones are not understood', () => {
    expect(parseCoordinates('123.5 4.8')).toEqual({ ok: false, reason: 'latitudeRange' });
    expect(parseCoordinates('45.7 -200')).toEqual({ ok: false, reason: 'longitudeRange' });
    expect(parseCoordinates('999,999 999,999')).toEqual({ ok: false, reason: 'latitudeRange' });
    for (const text of ['', 'Lyon', '45.7', '45.7 4.8 12', '45°75\'N 4°E', '45°N 4°N', 'NaN NaN', '1e3 4', '45.7 4.8'.repeat(30)]) {
      expect(parseCoordinates(text), text).toEqual({ ok: false, reason: 'format' });
    }
  });
});

describe('manual location: what the services record', () => {
  it('takes the commune from the official list, the description cleaned, coordinates when given', () => {
    expect(checkManualLocation({ commune: { inseeCode: '69204' }, description: '  ferme des Bruyères,\n après le lavoir ', coordinates: '' }, list)).toEqual({
      ok: true,
      commune: { name: 'Saint-Genis-Laval', inseeCode: '69204', postcode: '69230', listed: true },
      description: 'ferme des Bruyères, après le lavoir',
      lat: null,
      lon: null,
    });
    const withPoint = checkManualLocation({ commune: { inseeCode: '69123' }, description: 'A7 sortie 12 direction Lyon', coordinates: '45,7 4,8' }, list);
    expect(withPoint).toMatchObject({ ok: true, lat: 45.7, lon: 4.8 });
  });

  it('refuses an unknown or empty commune, a name typed past the list, an empty or 10 kB description, absurd coordinates — naming the field', () => {
    const base = { description: 'lieu-dit Les Granges', coordinates: '' };
    expect(checkManualLocation({ ...base, commune: { inseeCode: '75056' } }, list)).toEqual({ ok: false, field: 'commune', reason: 'unknownCommune' });
    expect(checkManualLocation({ ...base, commune: { inseeCode: ' ' } }, list)).toEqual({ ok: false, field: 'commune', reason: 'empty' });
    expect(checkManualLocation({ ...base, commune: { name: '' } }, null)).toEqual({ ok: false, field: 'commune', reason: 'empty' });
    expect(checkManualLocation({ ...base, commune: { name: 'Trifouillis' } }, list)).toEqual({ ok: false, field: 'commune', reason: 'notListed' });
    expect(checkManualLocation({ ...base, commune: { name: 'x'.repeat(101) } }, null)).toEqual({ ok: false, field: 'commune', reason: 'tooLong' });
    expect(checkManualLocation({ commune: { inseeCode: '69123' }, description: ' \n ', coordinates: '' }, list)).toEqual({ ok: false, field: 'description', reason: 'empty' });
    expect(checkManualLocation({ commune: { inseeCode: '69123' }, description: 'é'.repeat(10_240), coordinates: '' }, list)).toEqual({ ok: false, field: 'description', reason: 'tooLong' });
    expect(checkManualLocation({ ...base, commune: { inseeCode: '69123' }, coordinates: '91 4' }, list)).toEqual({ ok: false, field: 'coordinates', reason: 'latitudeRange' });
    expect(checkManualLocation({ ...base, commune: { inseeCode: '69123' }, coordinates: 'sortie 12' }, list)).toEqual({ ok: false, field: 'coordinates', reason: 'format' });
  });

  it('without a BAN pack, accepts the commune as typed and flags it as not in the official list', () => {
    expect(checkManualLocation({ commune: { name: ' Les  Haies ' }, description: 'ferme', coordinates: '' }, null)).toEqual({
      ok: true,
      commune: { name: 'Les Haies', inseeCode: null, postcode: null, listed: false },
      description: 'ferme',
      lat: null,
      lon: null,
    });
  });
});

describe('manual location: where a search for the nearest starts', () => {
  const unverified = (over: Partial<UnverifiedLocation>): DossierLocation => ({
    source: 'UNVERIFIED',
    label: 'ferme, 69230 Saint-Genis-Laval',
    description: 'ferme',
    commune: { name: 'Saint-Genis-Laval', inseeCode: '69204', postcode: '69230', listed: true },
    lat: null,
    lon: null,
    floor: null,
    doorCode: null,
    intercom: null,
    accessDetails: null,
    ...over,
  });
  const centre = (code: string) => (code === '69204' ? { lat: 45.695, lon: 4.793 } : null);

  it('the address found; else the coordinates typed; else the commune centre; else none', () => {
    const located: DossierLocation = { source: 'BAN', label: 'x', houseNumber: null, street: null, postcode: null, city: 'Lyon', inseeCode: '69123', lat: 45.76, lon: 4.83, precision: 'RUE', floor: null, doorCode: null, intercom: null, accessDetails: null };
    expect(searchPosition(located, centre)).toEqual({ lat: 45.76, lon: 4.83, basis: 'address' });
    expect(searchPosition(unverified({ lat: 45.7, lon: 4.8 }), centre)).toEqual({ lat: 45.7, lon: 4.8, basis: 'coordinates' });
    expect(searchPosition(unverified({}), centre)).toEqual({ lat: 45.695, lon: 4.793, basis: 'communeCentre' });
    expect(searchPosition(unverified({ commune: { name: 'Les Haies', inseeCode: null, postcode: null, listed: false } }), centre)).toBeNull();
    expect(searchPosition(null, centre)).toBeNull();
  });
});
