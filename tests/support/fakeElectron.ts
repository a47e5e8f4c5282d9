/**
 * A small stand-in for the `electron` module (aliased in vitest.config.ts): just enough for the
 * main-process glue and the preload to run under Node, with handles for the tests to drive and
 * observe them. Each test file gets its own instance (vitest isolates files); a test that
 * re-imports electron/main/index calls `vi.resetModules()` and imports this file again first.
 */
import { EventEmitter } from 'node:events';

type Handler = (event: unknown, ...args: unknown[]) => unknown;

let nextId = 1;

/** What `event.senderFrame` is: a frame of some webContents. */
export class FakeFrame {
  detached = false;
  constructor(
    public url: string,
    readonly processId: number,
    readonly routingId: number,
    readonly parent: FakeFrame | null = null,
  ) {}
  /** A frame whose render frame is gone: Electron throws when its URL is read. */
  static disposed(processId: number, routingId: number): FakeFrame {
    const frame = new FakeFrame('', processId, routingId);
    Object.defineProperty(frame, 'url', {
      get() {
        throw new Error('Render frame was disposed before WebFrameMain could be accessed');
      },
    });
    return frame;
  }
}

export class FakeWebContents extends EventEmitter {
  readonly id = nextId++;
  destroyed = false;
  sent: Array<[string, unknown]> = [];
  windowOpenHandler: ((details: { url: string }) => { action: string }) | null = null;
  readonly mainFrame: FakeFrame;
  constructor(url = 'app://plateau/index.html') {
    super();
    this.mainFrame = new FakeFrame(url, 100 + this.id, 1);
  }
  /** A child frame of this page (an iframe). */
  subframe(url = this.mainFrame.url): FakeFrame {
    return new FakeFrame(url, this.mainFrame.processId, 2, this.mainFrame);
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
  devToolsClosed = 0;
  closeDevTools() {
    this.devToolsClosed += 1;
  }
  /** What printToPDF was asked, and of which page; answers a small fake PDF. */
  printed: Array<{ url: string; options: Record<string, unknown> }> = [];
  printToPDF(options: Record<string, unknown>) {
    this.printed.push({ url: this.mainFrame.url, options });
    return Promise.resolve(Buffer.from(`%PDF-fake ${this.mainFrame.url.length}`));
  }
}

export const ipcMain = {
  handlers: new Map<string, Handler>(),
  handle(channel: string, handler: Handler) {
    // Electron throws on a second handler for a channel; so does the fake.
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, handler);
  },
  removeHandler(channel: string) {
    this.handlers.delete(channel);
  },
  /** Test helper: what `ipcRenderer.invoke` from the frame described by `event` would get. */
  async invoke(channel: string, event: { sender: unknown; senderFrame: unknown }, payload: unknown): Promise<unknown> {
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

export class BrowserWindow extends EventEmitter {
  static created: BrowserWindow[] = [];
  webContents = new FakeWebContents();
  loaded: string | null = null;
  destroyed = false;
  constructor(readonly options: { webPreferences?: Record<string, unknown> }) {
    super();
    BrowserWindow.created.push(this);
  }
  loadURL(url: string) {
    this.loaded = url;
    this.webContents.mainFrame.url = url;
    return Promise.resolve();
  }
  isDestroyed() {
    return this.destroyed;
  }
  destroy() {
    this.destroyed = true;
  }
  isMinimized() {
    return false;
  }
  restore() {}
  focus() {}
  show() {}
}

export const protocol = {
  privileged: [] as Array<{ scheme: string; privileges: Record<string, boolean> }>,
  handlers: new Map<string, (request: Request) => Promise<Response>>(),
  registerSchemesAsPrivileged(schemes: Array<{ scheme: string; privileges: Record<string, boolean> }>) {
    this.privileged.push(...schemes);
  },
  handle(scheme: string, handler: (request: Request) => Promise<Response>) {
    this.handlers.set(scheme, handler);
  },
};

type RequestHandler = (wc: unknown, permission: string, callback: (allowed: boolean) => void, details: Record<string, unknown>) => void;
type CheckHandler = (wc: unknown, permission: string, origin: string, details: Record<string, unknown>) => boolean;
export class FakeSession {
  requestHandler: RequestHandler | null = null;
  checkHandler: CheckHandler | null = null;
  setPermissionRequestHandler(handler: RequestHandler | null) {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: CheckHandler | null) {
    this.checkHandler = handler;
  }
}
export const session = { defaultSession: new FakeSession() };

class FakeApp extends EventEmitter {
  /** Set by tests before importing electron/main/index. */
  gotLock = true;
  userData = '/nonexistent/plateau-user-data';
  appPath = process.cwd();
  quitCalls = 0;
  exitCode: number | null = null;
  /** An unpackaged app (`electron .`): PLATEAU_CONFIG is honoured, argv carries the app path. */
  isPackaged = false;
  version = '0.1.0';
  getVersion() {
    return this.version;
  }
  private ready!: () => void;
  private readonly readyPromise = new Promise<void>((resolve) => (this.ready = resolve));
  requestSingleInstanceLock() {
    return this.gotLock;
  }
  whenReady() {
    return this.readyPromise;
  }
  /** Test helper: fire `ready`, and wait for what main chained on it. */
  async makeReady() {
    this.ready();
    await this.readyPromise;
    await new Promise((resolve) => setImmediate(resolve));
  }
  getPath(name: string) {
    if (name !== 'userData') throw new Error(`fake app.getPath: ${name} not faked`);
    return this.userData;
  }
  getAppPath() {
    return this.appPath;
  }
  quit() {
    this.quitCalls += 1;
  }
  exit(code = 0) {
    this.exitCode = code;
  }
}
export const app = new FakeApp();

export const dialog = {
  errors: [] as Array<{ title: string; content: string }>,
  showErrorBox(title: string, content: string) {
    this.errors.push({ title, content });
  },
  /** Test knob: the button the next message boxes answer (index), and what they were asked. */
  answers: [] as number[],
  messageBoxes: [] as Array<{ parent: unknown; options: Record<string, unknown> }>,
  showMessageBoxSync(parent: unknown, options: Record<string, unknown>) {
    this.messageBoxes.push({ parent, options });
    return this.answers.shift() ?? (options.cancelId as number | undefined) ?? 0;
  },
  /** Test knob: what the next save dialog answers (null: the user cancels). */
  savePath: null as string | null,
  saveDialogs: [] as Array<{ parent: unknown; options: Record<string, unknown> }>,
  showSaveDialog(...args: unknown[]) {
    const [parent, options] = args.length > 1 ? args : [null, args[0]];
    this.saveDialogs.push({ parent, options: options as Record<string, unknown> });
    return Promise.resolve(this.savePath === null ? { canceled: true, filePath: '' } : { canceled: false, filePath: this.savePath });
  },
};

/** Reversible but not clear text, like the OS keychain-backed real one; `available`/`backend` are test knobs. */
export const safeStorage = {
  available: true,
  backend: 'gnome_libsecret' as string,
  isEncryptionAvailable() {
    return this.available;
  },
  getSelectedStorageBackend() {
    return this.backend;
  },
  encryptString(plain: string): Buffer {
    if (!this.available) throw new Error('Encryption is not available.');
    return Buffer.concat([Buffer.from('v10'), Buffer.from(plain, 'utf8').map((b) => b ^ 0x5a)]);
  },
  decryptString(encrypted: Buffer): string {
    return Buffer.from(encrypted.subarray(3).map((b) => b ^ 0x5a)).toString('utf8');
  },
};

/** The application menu: `undefined` until main sets it (Electron then shows its default menu). */
export const Menu = {
  application: undefined as unknown,
  setApplicationMenu(menu: unknown) {
    this.application = menu;
  },
};

/** An Electron event a listener may cancel. */
export function cancellableEvent(): { defaultPrevented: boolean; preventDefault(): void } {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

/** The system browser: what the app asked it to open. */
export const shell = {
  opened: [] as string[],
  async openExternal(url: string): Promise<void> {
    shell.opened.push(url);
  },
};

export default { ipcMain, ipcRenderer, contextBridge, BrowserWindow, protocol, session, app, dialog, safeStorage, shell, Menu };
