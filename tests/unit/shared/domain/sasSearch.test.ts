import { describe, expect, it } from 'vitest';
import { isSasBaseUrl, sasCriteriaOf, sasSearchUrl } from '../../../../shared/domain/hub/sasSearch';

const config = { baseUrl: 'https://sas.sante.fr', origin: 'SAMU69' };

describe('INT_L01 SAS search link', () => {
  it('builds the search from the dossier location, encoding each value', () => {
    const criteria = sasCriteriaOf({ location: { label: 'x', houseNumber: '12 bis', street: 'Rue de l’Été & Co', postcode: '69002', city: 'Lyon 2e', inseeCode: '69382', lat: 0, lon: 0, precision: 'ADRESSE', source: 'BAN', floor: null, doorCode: null, intercom: null, accessDetails: null } });
    expect(sasSearchUrl(config, criteria)).toBe(
      'https://sas.sante.fr/sas/recherche?origin=SAMU69&streetnumber=12%20bis&streetname=Rue%20de%20l%E2%80%99%C3%89t%C3%A9%20%26%20Co&inseecode=69382&city=Lyon%202e',
    );
  });

  it('leaves out unknown or empty values; adds specialty and practitioner when given', () => {
    expect(sasSearchUrl(config, sasCriteriaOf({ location: null }))).toBe('https://sas.sante.fr/sas/recherche?origin=SAMU69');
    expect(sasSearchUrl({ ...config, baseUrl: 'https://sas.example/portail/' }, { city: '  ', specialty: 'SM54', practitioner: 'Dr Durand?x=1' })).toBe(
      'https://sas.example/portail/sas/recherche?origin=SAMU69&specialty=SM54&practitioner=Dr%20Durand%3Fx%3D1',
    );
  });

  it('only sends the known parameters, whatever else the object carries', () => {
    const url = sasSearchUrl(config, { city: 'Lyon', evil: 'x' } as never);
    expect(url).toBe('https://sas.sante.fr/sas/recherche?origin=SAMU69&city=Lyon');
  });

  it.each(['http://sas.sante.fr', 'javascript:alert(1)', 'https://sas.sante.fr/?a=1', 'https://sas.sante.fr/#x', 'ftp://x', 'https://'])('refuses the base %s', (baseUrl) => {
    expect(isSasBaseUrl(baseUrl)).toBe(false);
    expect(() => sasSearchUrl({ ...config, baseUrl }, {})).toThrow();
  });
});
