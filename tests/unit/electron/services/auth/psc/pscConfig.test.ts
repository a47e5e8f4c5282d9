import { describe, expect, it } from 'vitest';
import { pscConfigSchema } from '../../../../../../electron/services/auth/psc/pscConfig';

describe('the psc section of the workstation configuration', () => {
  const base = { issuer: 'https://auth.esw.esante.gouv.fr/auth/realms/esante-wallet', clientId: 'plateau-samu69' };
  it('has PSC defaults (eidas1, scope_all, any loopback port, 4 h sessions)', () => {
    expect(pscConfigSchema.parse(base)).toMatchObject({ acrValues: ['eidas1'], scope: 'openid scope_all', redirect: { port: 0, path: '/psc/callback' }, sessionMinutes: 240, requiredForDecisions: false, clientAuth: 'client_secret_basic' });
  });
  it.each([
    [{ ...base, issuer: 'http://auth.esw.esante.gouv.fr/realm' }, 'issuer'],
    [{ ...base, issuer: 'https://auth.example/realm?x=1' }, 'issuer'],
    [{ ...base, redirect: { port: 80 } }, 'redirect'],
    [{ ...base, scope: 'scope_all' }, 'scope'],
    [{ ...base, clientSecret: 'never here' }, ''],
  ])('refuses %j', (value, field) => {
    const result = pscConfigSchema.safeParse(value);
    expect(result.success).toBe(false);
    if (field) expect(result.error!.issues[0]!.path[0]).toBe(field);
  });
  it('accepts plain http towards this machine only (the tests’ provider)', () => {
    expect(pscConfigSchema.safeParse({ ...base, issuer: 'http://127.0.0.1:4000/auth/realms/esante-wallet' }).success).toBe(true);
  });
});
