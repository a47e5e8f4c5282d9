import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../../../electron/services/api';
import { createServices, type Services } from '../../../../../electron/services/composition';
import { siteHour } from '../../../../../shared/domain/indicators/periods';
import { signIn, TEST_SCRYPT } from '../../../../support/operators';
import { makeTempDir } from '../../../../support/tempDir';
import { testConfig } from '../../../../support/testConfig';

describe('the supervisor’s channels', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let services: Services;
  // 23 Nov 2026, 21:30 UTC: already the 24th on a Réunion site.
  let clock = Date.parse('2026-11-23T21:30:00Z');

  beforeEach(() => {
    dir = makeTempDir();
    services = createServices(testConfig(dir.path, { timeZone: 'Indian/Reunion' }), { scryptParams: TEST_SCRYPT, now: () => clock });
  });
  afterEach(async () => {
    await services.close();
    dir.cleanup();
  });

  it('refuse the ARM and the physicians (E_FORBIDDEN), answer the supervisor', async () => {
    for (const role of ['ARM', 'MRU', 'MRL', 'OSNP'] as const) {
      await signIn(services, role);
      expect(await dispatch(services.api, 'indicators:report', { from: '2026-11-24', to: '2026-11-24' })).toMatchObject({ ok: false, error: { code: 'E_FORBIDDEN' } });
      expect(await dispatch(services.api, 'floor:status', {})).toMatchObject({ ok: false, error: { code: 'E_FORBIDDEN' } });
    }
    await signIn(services, 'SUPERVISEUR');
    expect(await dispatch(services.api, 'floor:status', {})).toMatchObject({ ok: true });
    // A year is the longest period; a reversed one is a bad request.
    expect(await dispatch(services.api, 'indicators:report', { from: '2026-11-24', to: '2026-11-01' })).toMatchObject({ ok: false, error: { code: 'E_BAD_REQUEST' } });
  });

  it('count the current day as events are journaled, on the site clock, and show the waiting dossier on the floor', async () => {
    await signIn(services, 'ARM');
    const created = await dispatch(services.api, 'dossier:create', { kind: 'DRM', origin: '116117', callerPhone: '06 12 34 56 78', motive: 'fièvre', priority: 'P2' });
    expect(created.ok).toBe(true);
    const dossierId = (created as { value: { id: string } }).value.id;
    expect(await dispatch(services.api, 'dossier:route', { dossierId, queue: 'SNP' })).toMatchObject({ ok: true });
    await signIn(services, 'SUPERVISEUR');
    const report = await dispatch(services.api, 'indicators:report', { from: '2026-11-24', to: '2026-11-24', granularity: 'hour' });
    expect(report).toMatchObject({ ok: true, value: { timeZone: 'Indian/Reunion', indicators: { dossiers: { total: 1, byOrigin: { '116117': 1 }, byBranch: { SNP: 1 } } } } });
    const series = (report as { value: { series: Array<{ bucket: string }> } }).value.series;
    expect(series).toHaveLength(24);
    expect(siteHour(clock, 'Indian/Reunion')).toBe('2026-11-24T01');
    // Paris' day before holds nothing: the dossier is on the Réunion day.
    expect(await dispatch(services.api, 'indicators:report', { from: '2026-11-23', to: '2026-11-23' })).toMatchObject({ ok: true, value: { indicators: { dossiers: { total: 0 } } } });
    clock += 25 * 60_000; // past the P2 limit (20 min), and past the idle lock: sign in again
    await signIn(services, 'SUPERVISEUR');
    const floor = await dispatch(services.api, 'floor:status', {});
    expect(floor).toMatchObject({
      ok: true,
      value: {
        posts: [{ operator: { role: 'SUPERVISEUR' }, ringing: 0, inProgress: 0 }],
        queues: [{ queue: 'SNP', priority: 'P2', depth: 1, oldestWaitSeconds: 25 * 60, escalated: 1 }],
        escalated: [{ id: dossierId, queue: 'SNP', priority: 'P2' }],
        hub: { configured: false },
      },
    });
  });

  it('answer E_UNAVAILABLE for the PDF where there is no printer (the browser prints the page)', async () => {
    await signIn(services, 'SUPERVISEUR');
    expect(await dispatch(services.api, 'indicators:reportPdf', { from: '2026-11-01', to: '2026-11-30' })).toMatchObject({ ok: false, error: { code: 'E_UNAVAILABLE' } });
  });
});
