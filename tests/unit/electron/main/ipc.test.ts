import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../../../shared/api/contract';
import { createServices, type Services } from '../../../../electron/services/composition';
import { bindIpc } from '../../../../electron/main/ipc';
import { FakeWebContents, ipcMain } from '../../../support/fakeElectron';
import { makeTempDir } from '../../../support/tempDir';
import { testConfig } from '../../../support/testConfig';
import type { WebContents } from 'electron';

describe('IPC binding', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let services: Services;
  let contents: FakeWebContents;
  let unbind: () => void;
  const eventsCount = () => (services.journal.db.prepare('SELECT count(*) AS n FROM events').get() as { n: number }).n;
  const fromOurWindow = () => ({ sender: contents, senderFrame: contents.mainFrame });
  const create = { callerPhone: '0612345678', motive: 'malaise', priority: 'P1' };

  beforeAll(() => {
    dir = makeTempDir();
    services = createServices(testConfig(dir.path));
    contents = new FakeWebContents();
    unbind = bindIpc(ipcMain as never, services.api, services.events, () => contents as unknown as WebContents);
  });
  afterAll(() => {
    unbind();
    services.close();
    dir.cleanup();
  });

  it('binds every channel of the contract', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
  });

  it('lets a good request from our window reach the service and the journal', async () => {
    const result = (await ipcMain.invoke('dossier:create', fromOurWindow(), create)) as { ok: boolean; value: { id: string } };
    expect(result.ok).toBe(true);
    expect(services.journal.dossiers.get(result.value.id)?.motive).toBe('malaise');
  });

  it('answers a bad payload with E_BAD_REQUEST naming the field', async () => {
    await expect(ipcMain.invoke('dossier:create', fromOurWindow(), { ...create, priority: 'P9' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'E_BAD_REQUEST', field: 'priority' },
    });
  });

  it.each([
    ['another origin in our window', () => ({ sender: contents, senderFrame: { url: 'https://evil.example/' } })],
    ['a subframe of our window', () => ({ sender: contents, senderFrame: { url: 'app://plateau/index.html' } })],
    ['another webContents', () => { const other = new FakeWebContents(); return { sender: other, senderFrame: other.mainFrame }; }],
    ['no frame (destroyed)', () => ({ sender: contents, senderFrame: null })],
  ])('refuses %s with E_FORBIDDEN before anything runs', async (_name, event) => {
    const before = eventsCount();
    await expect(ipcMain.invoke('dossier:create', event(), create)).resolves.toMatchObject({ ok: false, error: { code: 'E_FORBIDDEN' } });
    expect(eventsCount()).toBe(before);
  });

  it('forwards service events to our window', async () => {
    contents.sent = [];
    await ipcMain.invoke('dossier:create', fromOurWindow(), create);
    expect(contents.sent.map(([channel]) => channel)).toEqual(['dossier:changed']);
  });

  it('unbinds every handler', () => {
    unbind();
    expect(ipcMain.handlers.size).toBe(0);
    unbind = bindIpc(ipcMain as never, services.api, services.events, () => contents as unknown as WebContents);
  });
});
