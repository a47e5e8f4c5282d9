import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { WebContents } from 'electron';
import { CHANNELS, type Channel } from '../../../../shared/api/contract';
import type { HandlerTable } from '../../../../electron/services/api';
import { createServices, type Services } from '../../../../electron/services/composition';
import { bindIpc, isTrustedSender } from '../../../../electron/main/ipc';
import { FakeFrame, FakeWebContents, ipcMain } from '../../../support/fakeElectron';
import { makeTempDir } from '../../../support/tempDir';
import { testConfig } from '../../../support/testConfig';
import { signIn, TEST_SCRYPT } from '../../../support/operators';
import { journalFile } from '../../../support/journalFile';

/** The real services behind the real handler table; the wrapper only records which handlers ran. */
describe('IPC binding', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let services: Services;
  let contents: FakeWebContents;
  let unbind: () => void;
  const ran: Channel[] = [];
  const eventCount = () => journalFile(services.journal).prepare<[], { n: number }>('SELECT count(*) AS n FROM events').get()!.n;
  const fromOurWindow = () => ({ sender: contents, senderFrame: contents.mainFrame });
  const create = { callerPhone: '0612345678', motive: 'malaise', priority: 'P1' };
  const bind = () =>
    bindIpc(ipcMain as never, recording(services.api), { events: services.events, contents: () => contents as unknown as WebContents });

  function recording(table: HandlerTable): HandlerTable {
    const wrapped = {} as Record<Channel, HandlerTable[Channel]>;
    for (const channel of CHANNELS) {
      wrapped[channel] = (payload) => {
        ran.push(channel);
        return table[channel](payload);
      };
    }
    return wrapped;
  }

  beforeAll(async () => {
    dir = makeTempDir();
    services = createServices(testConfig(dir.path), { scryptParams: TEST_SCRYPT });
    await signIn(services);
    contents = new FakeWebContents();
    unbind = bind();
  });
  beforeEach(() => {
    ran.length = 0;
    contents.sent = [];
  });
  afterAll(() => {
    unbind();
    services.close();
    dir.cleanup();
  });

  it('binds every channel of the contract, and only those', () => {
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...CHANNELS].sort());
  });

  it('lets a good request from our window reach the service and the journal', async () => {
    const before = eventCount();
    const result = (await ipcMain.invoke('dossier:create', fromOurWindow(), create)) as { ok: true; value: { id: string } };
    expect(result).toMatchObject({ ok: true, value: { motive: 'malaise', priority: 'P1' } });
    expect(ran).toEqual(['dossier:create']);
    expect(eventCount()).toBe(before + 1);
    const row = journalFile(services.journal).prepare<[string], { type: string }>('SELECT type FROM events WHERE dossier_id = ?').get(result.value.id);
    expect(row?.type).toBeTruthy();
    expect(services.journal.dossiers.get(result.value.id)?.motive).toBe('malaise');
  });

  it('answers a bad payload with E_BAD_REQUEST naming the field, and writes nothing', async () => {
    const before = eventCount();
    await expect(ipcMain.invoke('dossier:create', fromOurWindow(), { ...create, priority: 'P9' })).resolves.toMatchObject({
      ok: false,
      error: { code: 'E_BAD_REQUEST', field: 'priority' },
    });
    await expect(ipcMain.invoke('dossier:create', fromOurWindow(), 'not an object')).resolves.toMatchObject({ ok: false, error: { code: 'E_BAD_REQUEST' } });
    expect(eventCount()).toBe(before);
  });

  const foreign: Array<[string, () => { sender: unknown; senderFrame: unknown }]> = [
    ['another origin loaded in our window', () => ({ sender: contents, senderFrame: new FakeFrame('https://evil.example/', contents.mainFrame.processId, 1) })],
    ['file:// in our window', () => ({ sender: contents, senderFrame: new FakeFrame('file:///tmp/x.html', contents.mainFrame.processId, 1) })],
    ['a subframe of our window showing our own page', () => ({ sender: contents, senderFrame: contents.subframe() })],
    ['a subframe of another origin', () => ({ sender: contents, senderFrame: contents.subframe('https://evil.example/') })],
    ['a parentless frame that is not our main frame (fenced frame)', () => ({ sender: contents, senderFrame: new FakeFrame(contents.mainFrame.url, contents.mainFrame.processId, 7) })],
    ['another webContents with our URL', () => { const other = new FakeWebContents(); return { sender: other, senderFrame: other.mainFrame }; }],
    ['our main frame claimed by another webContents', () => ({ sender: new FakeWebContents(), senderFrame: contents.mainFrame })],
    ['no frame (navigated or destroyed)', () => ({ sender: contents, senderFrame: null })],
    ['a detached frame', () => { const frame = new FakeFrame(contents.mainFrame.url, contents.mainFrame.processId, 1); frame.detached = true; return { sender: contents, senderFrame: frame }; }],
    ['our main frame, disposed (throws on access)', () => ({ sender: contents, senderFrame: FakeFrame.disposed(contents.mainFrame.processId, 1) })],
    ['a frame of another renderer process (stale after a navigation)', () => ({ sender: contents, senderFrame: new FakeFrame(contents.mainFrame.url, 999, 1) })],
  ];

  it.each(foreign)('refuses %s with E_FORBIDDEN before any handler runs', async (_name, event) => {
    const before = eventCount();
    for (const channel of ['dossier:create', 'journal:status', 'workstation:info'] as const) {
      await expect(ipcMain.invoke(channel, event(), create)).resolves.toMatchObject({ ok: false, error: { code: 'E_FORBIDDEN' } });
    }
    expect(ran).toEqual([]);
    expect(eventCount()).toBe(before);
  });

  it('refuses everyone once our window is destroyed', async () => {
    contents.destroyed = true;
    try {
      await expect(ipcMain.invoke('workstation:info', fromOurWindow(), {})).resolves.toMatchObject({ ok: false, error: { code: 'E_FORBIDDEN' } });
      expect(ran).toEqual([]);
    } finally {
      contents.destroyed = false;
    }
  });

  it('checks the sender without Electron (pure helper)', () => {
    expect(isTrustedSender(fromOurWindow() as never, contents as unknown as WebContents)).toBe(true);
    expect(isTrustedSender(fromOurWindow() as never, null)).toBe(false);
  });

  it('forwards service events to our window', async () => {
    const result = (await ipcMain.invoke('dossier:create', fromOurWindow(), create)) as { ok: true; value: { id: string } };
    expect(contents.sent).toHaveLength(1);
    const [channel, payload] = contents.sent[0]!;
    expect(channel).toBe('dossier:changed');
    expect(JSON.stringify(payload)).toContain(result.value.id);
  });

  it('sends no event to a window that left our origin', async () => {
    const ours = contents.mainFrame.url;
    contents.mainFrame.url = 'https://evil.example/';
    try {
      await services.api['dossier:create']({ ...create, motive: 'direct' });
      expect(contents.sent).toEqual([]);
    } finally {
      contents.mainFrame.url = ours;
    }
  });

  it('unbinds every handler and stops forwarding events', async () => {
    unbind();
    expect(ipcMain.handlers.size).toBe(0);
    await services.api['dossier:create']({ ...create, motive: 'after unbind' });
    expect(contents.sent).toEqual([]);
    unbind = bind();
  });
});
