/**
 * Runs in the page, before the renderer boots: implements `window.plateau` over the harness
 * WebSocket. Self-contained (no imports) because the harness serves it transpiled as-is; the
 * method and listener names come from the contract, passed in by the server.
 */
export interface BrowserClientConfig {
  wsUrl: string;
  methods: Record<string, string>;
  listeners: Record<string, string>;
  /** Test-only: ask the media bridge to expose its peer connections as `window.__plateauMedia`. */
  exposeMedia?: boolean;
}

type Pending = { resolve: (value: unknown) => void };

export function installPlateauClient(config: BrowserClientConfig): void {
  // Read by renderer/src/media/mediaBridge.ts; never set in the app (Electron's preload has no such flag).
  if (config.exposeMedia) Object.defineProperty(window, '__plateauHarness', { value: Object.freeze({ exposeMedia: true }), writable: false, configurable: false });
  let socket: WebSocket | null = null;
  let opened: Promise<WebSocket> | null = null;
  let nextId = 1;
  let retryMs = 100;
  const pending = new Map<number, Pending>();
  const subscribers = new Map<string, Set<(payload: unknown) => void>>();

  const transportError = (message: string) => ({ ok: false, error: { code: 'E_TRANSPORT', message } });

  function connect(): Promise<WebSocket> {
    if (opened) return opened;
    opened = new Promise((resolve) => {
      const ws = new WebSocket(config.wsUrl);
      ws.onopen = () => {
        socket = ws;
        retryMs = 100;
        resolve(ws);
      };
      ws.onmessage = (message) => {
        const data = JSON.parse(String(message.data)) as { id?: number; response?: unknown; event?: string; payload?: unknown };
        if (typeof data.id === 'number') {
          pending.get(data.id)?.resolve(data.response);
          pending.delete(data.id);
        } else if (typeof data.event === 'string') {
          for (const listener of subscribers.get(data.event) ?? []) listener(data.payload);
        }
      };
      ws.onclose = () => {
        socket = null;
        opened = null;
        // Requests in flight will never be answered: say so instead of hanging the UI.
        for (const [id, p] of pending) {
          p.resolve(transportError('connection to the services lost'));
          pending.delete(id);
        }
        setTimeout(() => void connect(), retryMs);
        retryMs = Math.min(retryMs * 2, 2000);
      };
    });
    return opened;
  }

  async function invoke(channel: string, request: unknown): Promise<unknown> {
    const ws = socket ?? (await connect());
    const id = nextId++;
    return new Promise((resolve) => {
      pending.set(id, { resolve });
      ws.send(JSON.stringify({ id, channel, payload: request }));
    });
  }

  const api: Record<string, unknown> = {};
  for (const [name, channel] of Object.entries(config.methods)) {
    api[name] = (request: unknown) => invoke(channel, request);
  }
  for (const [name, channel] of Object.entries(config.listeners)) {
    api[name] = (listener: (payload: unknown) => void) => {
      let set = subscribers.get(channel);
      if (!set) subscribers.set(channel, (set = new Set()));
      set.add(listener);
      return () => set.delete(listener);
    };
  }
  Object.defineProperty(window, 'plateau', { value: Object.freeze(api), writable: false, configurable: false });
  void connect();
}
