import { LISTENERS, METHODS, type Channel, type EventOf, type PlateauApi, type RequestOf, type ResponseOf, type Unsubscribe } from '../../../shared/api/contract';
import { fail, type Envelope } from '../../../shared/api/envelope';

/**
 * The renderer's only door to the services. A transport failure (services gone, IPC broken)
 * becomes an E_TRANSPORT envelope: components handle one shape of result, never an exception.
 */
async function call<T>(invoke: (api: PlateauApi) => Promise<Envelope<T>>): Promise<Envelope<T>> {
  let result: Envelope<T>;
  try {
    result = await invoke(window.plateau);
  } catch (error) {
    return fail('E_TRANSPORT', error instanceof Error ? error.message : String(error));
  }
  // The session locked itself (idle) or the services restarted: the screens must know at once.
  if (!result.ok && result.error.code === 'E_UNAUTHENTICATED') for (const listener of unauthenticated) listener();
  return result;
}

const unauthenticated = new Set<() => void>();

type Methods = typeof METHODS;
type Listeners = typeof LISTENERS;

/** A request with nothing required may be left out: `backend.listQueue()`. */
type BackendMethod<C extends Channel> = Record<never, never> extends RequestOf<C>
  ? (request?: RequestOf<C>) => Promise<Envelope<ResponseOf<C>>>
  : (request: RequestOf<C>) => Promise<Envelope<ResponseOf<C>>>;

export type Backend = { readonly [M in keyof Methods]: BackendMethod<Methods[M]> } & {
  readonly [L in keyof Listeners]: (listener: (event: EventOf<Listeners[L]>) => void) => Unsubscribe;
} & {
  /** Called whenever the services answer E_UNAUTHENTICATED (idle lock, services restarted). */
  readonly onUnauthenticated: (listener: () => void) => Unsubscribe;
};

/**
 * One function per method of the contract, derived from it: a channel added to the contract is
 * reachable here without another hand-written line.
 */
export const backend = Object.freeze({
  ...Object.fromEntries(
    Object.keys(METHODS).map((name) => [name, (request?: unknown) => call((api) => (api[name as keyof Methods] as (r: unknown) => Promise<Envelope<unknown>>)(request ?? {}))]),
  ),
  ...Object.fromEntries(
    Object.keys(LISTENERS).map((name) => [name, (listener: (event: unknown) => void) => listen(() => (window.plateau[name as keyof Listeners] as (l: (event: unknown) => void) => Unsubscribe)(listener))]),
  ),
  onUnauthenticated: (listener: () => void): Unsubscribe => {
    unauthenticated.add(listener);
    return () => unauthenticated.delete(listener);
  },
}) as Backend;

/** A services side without an event (older preload, a test double) must not break the screen. */
function listen(subscribe: () => Unsubscribe): Unsubscribe {
  try {
    return subscribe();
  } catch {
    return () => {};
  }
}
