import { describe, expect, it, vi } from 'vitest';
import { brokerSuiteMode } from '../../../../support/hub/hubWorld';

describe('the Hub suites without RabbitMQ', () => {
  const missing = '/usr/lib/rabbitmq/bin/rabbitmq-server is missing: install the Debian packages rabbitmq-server and openssl';

  it('fail in CI, naming the Debian package', () => {
    expect(() => brokerSuiteMode('hub', missing, { CI: 'true' })).toThrow(/install the Debian packages rabbitmq-server.*must run in CI/);
  });

  it('are skipped loudly elsewhere, and run when nothing is missing', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(brokerSuiteMode('hub', missing, {})).toBe('skip');
    expect(warn).toHaveBeenCalledWith(expect.stringContaining(`SKIPPED "hub": ${missing}`));
    warn.mockRestore();
    expect(brokerSuiteMode('hub', null, { CI: 'true' })).toBe('run');
  });
});
