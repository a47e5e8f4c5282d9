import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { HttpUpdateAgent } from '../../../../../electron/services/update/httpUpdateAgent';
import { UpdateService, type UpdateAgent, type UpdateOffer } from '../../../../../electron/services/update/updateService';
import { stagingBucket, stagingId } from '../../../../../electron/services/update/updateDecision';
import type { UpdatesConfig } from '../../../../../electron/services/update/updatesConfig';
import { startFeedServer, type FeedServer } from '../../../../support/update/feedServer';
import { makeTempDir } from '../../../../support/tempDir';

/** The update logic against a real HTTP feed on 127.0.0.1 serving electron-builder's latest.yml and real artefacts. */
describe('update service against a real feed', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let feed: FeedServer;
  let downloads: string;
  let installed: string[];
  let installOnQuit: string[];
  let callsUp: number;

  /** The HTTP agent, able to "install" into a list (what electron-updater does in the package). */
  const agent = (): UpdateAgent => {
    const http = new HttpUpdateAgent({ dir: downloads });
    return { canInstall: true, download: (offer: UpdateOffer) => http.download(offer), install: (file) => installed.push(file), installOnQuit: (file) => installOnQuit.push(file) };
  };
  const service = (config: Partial<UpdatesConfig> = {}, options: { current?: string; platform?: NodeJS.Platform; kind?: 'nsis' | 'deb' | 'AppImage'; workstationId?: string; agent?: UpdateAgent } = {}) =>
    new UpdateService({
      config: { feedUrl: feed.url, checkEveryMinutes: 60, pinVersion: null, hold: false, firstWave: false, publisherName: ['Plateau SAS'], ...config },
      currentVersion: options.current ?? '1.0.0',
      platform: options.platform ?? 'linux',
      packageKind: options.kind ?? 'deb',
      workstationId: options.workstationId ?? 'arm-03',
      agent: options.agent ?? agent(),
      callsUp: () => callsUp,
    });

  beforeAll(async () => {
    dir = makeTempDir();
    feed = await startFeedServer(join(dir.path, 'feed'));
  });
  afterAll(async () => {
    await feed.close();
    dir.cleanup();
  });
  beforeEach(() => {
    downloads = join(dir.path, `downloads-${Math.random().toString(36).slice(2)}`);
    installed = [];
    installOnQuit = [];
    callsUp = 0;
    feed.truncate(false);
    feed.html(false);
  });
  afterEach(() => feed.truncate(false));

  it('downloads and verifies a newer version, offers it, and installs it at quit until the operator applies it', async () => {
    const { name } = await feed.publish({ version: '1.1.0', platform: 'linux', kind: 'deb' });
    const updates = service();
    const status = await updates.check();
    expect(status).toMatchObject({ state: 'ready', current: '1.0.0', available: '1.1.0', reason: null, canInstall: true });
    expect(readdirSync(downloads)).toEqual([name]);
    expect(installOnQuit).toEqual([join(downloads, name)]);
    expect(updates.apply({ unsavedWork: false })).toMatchObject({ ok: true });
    expect(installed).toEqual([join(downloads, name)]);
  });

  it('reads latest.yml on Windows and takes the NSIS installer; without a publisher to check, refuses', async () => {
    await feed.publish({ version: '1.2.0', platform: 'win32', kind: 'nsis' });
    expect(await service({}, { platform: 'win32', kind: 'nsis' }).check()).toMatchObject({ state: 'ready', available: '1.2.0' });
    expect(feed.requests).toContain('plateau/latest.yml');
    const unsigned = await service({ publisherName: [] }, { platform: 'win32', kind: 'nsis' }).check();
    expect(unsigned).toMatchObject({ state: 'refused', reason: 'noPublisher', detail: expect.stringMatching(/publisherName/) });
  });

  it('never applies while a call is up or a dossier is unsaved', async () => {
    await feed.publish({ version: '1.1.0', platform: 'linux', kind: 'deb' });
    const updates = service();
    await updates.check();
    callsUp = 1;
    expect(updates.apply({ unsavedWork: false })).toMatchObject({ ok: false, error: { code: 'E_UPDATE_NOT_QUIET', message: expect.stringMatching(/call/) } });
    callsUp = 0;
    expect(updates.apply({ unsavedWork: true })).toMatchObject({ ok: false, error: { code: 'E_UPDATE_NOT_QUIET', message: expect.stringMatching(/dossier/) } });
    expect(installed).toEqual([]);
    expect(updates.apply({ unsavedWork: false })).toMatchObject({ ok: true });
  });

  it('refuses a tampered artefact: nothing kept, nothing offered, nothing installed', async () => {
    const { name } = await feed.publish({ version: '1.3.0', platform: 'linux', kind: 'deb' });
    feed.tamper(name);
    const updates = service();
    expect(await updates.check()).toMatchObject({ state: 'refused', reason: 'tampered', available: null, detail: expect.stringContaining('SHA-512 differs') });
    expect(existsSync(downloads) ? readdirSync(downloads) : []).toEqual([]);
    expect(installOnQuit).toEqual([]);
    expect(updates.apply({ unsavedWork: false })).toMatchObject({ ok: false, error: { code: 'E_UPDATE_NOT_READY' } });
  });

  it('refuses a download cut short, with or without a size in the feed', async () => {
    await feed.publish({ version: '1.4.0', platform: 'linux', kind: 'AppImage' });
    feed.truncate(true);
    expect(await service({}, { kind: 'AppImage' }).check()).toMatchObject({ state: 'refused', reason: 'truncated', detail: expect.stringMatching(/refused/) });
    await feed.publish({ version: '1.4.1', platform: 'linux', kind: 'AppImage', sizeInFeed: false });
    expect(await service({}, { kind: 'AppImage' }).check()).toMatchObject({ state: 'refused', reason: 'truncated' });
    expect(existsSync(downloads) ? readdirSync(downloads) : []).toEqual([]);
  });

  it('refuses a lower version, and says an equal one is up to date', async () => {
    await feed.publish({ version: '0.9.0', platform: 'linux', kind: 'deb' });
    expect(await service().check()).toMatchObject({ state: 'refused', reason: 'lowerVersion', detail: expect.stringMatching(/0\.9\.0, lower than the installed 1\.0\.0/) });
    await feed.publish({ version: '1.0.0', platform: 'linux', kind: 'deb' });
    expect(await service().check()).toMatchObject({ state: 'idle', reason: 'upToDate' });
  });

  it('refuses a feed that answers HTML, one that is unreachable, and one without the artefact this post needs', async () => {
    feed.html(true);
    expect(await service().check()).toMatchObject({ state: 'refused', reason: 'feedNotYaml', detail: expect.stringMatching(/answered HTML/) });
    feed.html(false);
    expect(await service({ feedUrl: 'http://127.0.0.1:9/plateau/' }).check()).toMatchObject({ state: 'refused', reason: 'feedUnreachable', detail: expect.stringContaining('127.0.0.1:9') });
    await feed.publish({ version: '1.5.0', platform: 'linux', kind: 'deb' });
    expect(await service({}, { kind: 'AppImage' }).check()).toMatchObject({ state: 'refused', reason: 'artefactMissing' });
  });

  it('follows IT: hold, pin, and the staged rollout (first wave first)', async () => {
    await feed.publish({ version: '1.6.0', platform: 'linux', kind: 'deb', stagingPercentage: 30 });
    expect(await service({ hold: true }).check()).toMatchObject({ state: 'idle', reason: 'held' });
    expect(await service({ pinVersion: '1.5.0' }).check()).toMatchObject({ state: 'idle', reason: 'pinned', detail: expect.stringContaining('1.5.0') });
    // Two posts, one inside the first 30 % and one outside, as electron-updater would place them.
    const ids = Array.from({ length: 50 }, (_, i) => `arm-${i}`);
    const early = ids.find((id) => stagingBucket(stagingId(id)) < 30)!;
    const late = ids.find((id) => stagingBucket(stagingId(id)) >= 30)!;
    expect(await service({}, { workstationId: late }).check()).toMatchObject({ state: 'idle', reason: 'notInRollout' });
    expect(await service({ firstWave: true }, { workstationId: late }).check()).toMatchObject({ state: 'ready', available: '1.6.0' });
    expect(await service({}, { workstationId: early }).check()).toMatchObject({ state: 'ready', available: '1.6.0' });
    expect(await service({ pinVersion: '1.6.0' }, { workstationId: early }).check()).toMatchObject({ state: 'ready', available: '1.6.0' });
  });

  it('keeps a verified update on offer when a later check fails; the plain HTTP agent cannot install', async () => {
    await feed.publish({ version: '1.7.0', platform: 'linux', kind: 'deb' });
    const updates = service({}, { agent: new HttpUpdateAgent({ dir: downloads }) });
    expect(await updates.check()).toMatchObject({ state: 'ready', available: '1.7.0', canInstall: false });
    feed.html(true);
    expect(await updates.check()).toMatchObject({ state: 'ready', available: '1.7.0' });
    expect(updates.apply({ unsavedWork: false })).toMatchObject({ ok: false, error: { code: 'E_UNAVAILABLE' } });
  });

  it('is disabled without an updates section', async () => {
    const none = new UpdateService({ config: null, currentVersion: '1.0.0', platform: 'linux', packageKind: 'deb', workstationId: 'x', agent: agent(), callsUp: () => 0 });
    expect(await none.check()).toMatchObject({ state: 'disabled', reason: null });
  });
});
