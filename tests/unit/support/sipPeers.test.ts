import { afterEach, describe, expect, it, vi } from 'vitest';
import { sipPeersAvailable } from '../../support/sip/peers';

describe('telephony suite prerequisites', () => {
  const saved = process.env.CI;
  afterEach(() => {
    process.env.CI = saved;
    vi.restoreAllMocks();
  });
  const absent = { kamailio: '/nonexistent/kamailio', sipp: '/nonexistent/sipp', websocketModule: '/nonexistent/websocket.so' };

  it('fails under CI=true when a binary is missing, naming the Debian packages', () => {
    process.env.CI = 'true';
    expect(() => sipPeersAvailable(absent)).toThrow(/apt-get install kamailio kamailio-websocket-modules sip-tester/);
  });

  it('skips loudly elsewhere', () => {
    delete process.env.CI;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    expect(sipPeersAvailable({ ...absent, kamailio: '/bin/sh', websocketModule: '/bin/sh' })).toBe(false);
    expect(warn.mock.calls[0]?.[0]).toMatch(/SKIPPED: .*\/nonexistent\/sipp \(Debian package sip-tester\)/);
  });
});
