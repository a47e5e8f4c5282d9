import { describe, expect, it } from 'vitest';
import { acrAccepted, decisionAuthenticationAllowed, nationalIdFromClaims, pscSessionExpired, pscSessionExpiry, rppsFromNationalId } from '../../../../shared/domain/psc';

describe('Pro Santé Connect rules', () => {
  it('reads the RPPS from the national id: 8 + 11 digits with a valid key; a bare RPPS too', () => {
    expect(rppsFromNationalId('810003456786')).toEqual({ ok: true, rpps: '10003456786' });
    expect(rppsFromNationalId('10003456786')).toEqual({ ok: true, rpps: '10003456786' });
    expect(rppsFromNationalId('810003456787')).toEqual({ ok: false, reason: 'rppsKey' });
    // ADELI (prefix 0), other lengths, not a string: not an RPPS.
    for (const id of ['0123456789', '8100034567', '9100034567860', '', 42, null]) expect(rppsFromNationalId(id)).toEqual({ ok: false, reason: 'notRpps' });
  });

  it('takes the national id from userinfo (SubjectNameID, else preferred_username), else the ID token; both must agree', () => {
    expect(nationalIdFromClaims({ preferred_username: '810003456786' }, { SubjectNameID: '810003456786' })).toMatchObject({ ok: true, rpps: '10003456786' });
    expect(nationalIdFromClaims({}, { preferred_username: '810003456786' })).toMatchObject({ ok: true, rpps: '10003456786' });
    expect(nationalIdFromClaims({ preferred_username: '810003456786' }, null)).toMatchObject({ ok: true, rpps: '10003456786' });
    expect(nationalIdFromClaims({ preferred_username: '810000000009' }, { SubjectNameID: '810003456786' })).toEqual({ ok: false, reason: 'notRpps' });
    expect(nationalIdFromClaims({}, {})).toEqual({ ok: false, reason: 'notRpps' });
  });

  it('accepts only the levels the site asked for', () => {
    expect(acrAccepted('eidas1', ['eidas1'])).toBe(true);
    expect(acrAccepted('eidas0', ['eidas1'])).toBe(false);
    expect(acrAccepted(undefined, ['eidas1'])).toBe(false);
  });

  it('a PSC session lasts the configured minutes', () => {
    const end = pscSessionExpiry(1_000, 240);
    expect(end).toBe(1_000 + 240 * 60_000);
    expect(pscSessionExpired(end, end - 1)).toBe(false);
    expect(pscSessionExpired(end, end)).toBe(true);
  });

  it('a site requiring PSC refuses decisions after a password sign-in only', () => {
    const at = '2026-11-23T10:00:00.000Z';
    expect(decisionAuthenticationAllowed({ method: 'password', at }, false)).toBe(true);
    expect(decisionAuthenticationAllowed({ method: 'password', at }, true)).toBe(false);
    expect(decisionAuthenticationAllowed({ method: 'psc', acr: 'eidas1', at }, true)).toBe(true);
  });
});
