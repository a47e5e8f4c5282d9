/**
 * A small stand-in for the `electron` module (aliased in vitest.config.ts): just enough for the
 * main-process glue and the preload to run under Node, with handles for the tests to drive them.
 */
import { EventEmitter } from 'node:events';

type Handler = (event: unknown, ...args: unknown[]) => unknown;

export const ipcMain = {
  handlers: new Map<string, Handler>(),
  handle(channel: string, handler: Handler) {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, handler);
  },
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  },
  /** Test helper: what `ipcRenderer.invoke` from a given frame would get. */
  async invoke(channel: string, event: unknown, payload: unknown): Promise<unknown> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, payload);
  },
};

class FakeIpcRenderer extends EventEmitter {
  invocations: Array<[string, unknown]> = [];
  invoke(channel: string, request: unknown): Promise<unknown> {
    this.invocations.push([channel, request]);
    return Promise.resolve({ ok: true, value: { channel } });
  }
}
export const ipcRenderer = new FakeIpcRenderer();

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown) {
    this.exposed.set(key, api);
  },
};

export class FakeWebContents extends EventEmitter {
  destroyed = false;
  sent: Array<[string, unknown]> = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly mainFrame: { url: string };
  constructor(url = 'app://plateau/index.html') {
    super();
    this.mainFrame = { url };
  }
  isDestroyed() {
    return this.destroyed;
  }
  send(channel: string, payload: unknown) {
    this.sent.push([channel, payload]);
  }
  setWindowOpenHandler(handler: (details: { url: string }) => { action: string }) {
    this.windowOpenHandler = handler;
  }
  getURL() {
    return this.mainFrame.url;
  }
}

export class BrowserWindow extends EventEmitter {
  static created: BrowserWindow[] = [];
  webContents = new FakeWebContents();
  loaded: string | null = null;
  constructor(readonly options: { webPreferences?: Record<string, unknown> }) {
    super();
    BrowserWindow.created.push(this);
  }
  loadURL(url: string) {
    this.loaded = url;
    return Promise.resolve();
  }
  isDestroyed() {
    return false;
  }
}

export const protocol = {
  privileged: [] as unknown[],
  handlers: new Map<string, (request: { url: string }) => unknown>(),
  registerSchemesAsPrivileged(schemes: unknown[]) {
    this.privileged.push(...schemes);
  },
  handle(scheme: string, handler: (request: { url: string }) => unknown) {
    this.handlers.set(scheme, handler);
  },
};

export class FakeSession {
  requestHandler: ((wc: unknown, permission: string, callback: (allowed: boolean) => void, details: Record<string, unknown>) => void) | null = null;
  checkHandler: ((wc: unknown, permission: string, origin: string, details: Record<string, unknown>) => boolean) | null = null;
  setPermissionRequestHandler(handler: FakeSession['requestHandler']) {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: FakeSession['checkHandler']) {
    this.checkHandler = handler;
  }
}
export const session = { defaultSession: new FakeSession() };

export const app = {
  getPath: () => '/tmp/plateau-fake-user-data',
  getAppPath: () => process.cwd(),
  requestSingleInstanceLock: () => false,
  whenReady: () => new Promise<void>(() => undefined),
  on: () => undefined,
  quit: () => undefined,
  exit: () => undefined,
};

export const dialog = { showErrorBox: () => undefined };

export default { ipcMain, ipcRenderer, contextBridge, BrowserWindow, protocol, session, app, dialog };
