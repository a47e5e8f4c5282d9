import { create } from 'zustand';
import type { ResponseOf } from '../../../shared/api/contract';
import type { ApiError } from '../../../shared/api/envelope';
import { backend } from '../api/backend';

type Session = NonNullable<ResponseOf<'auth:status'>['session']>;

interface SessionStore {
  /** undefined: not asked yet (boot); null: nobody signed in. */
  session: Session | null | undefined;
  /** False on a fresh install (no account yet). */
  hasOperators: boolean;
  error: ApiError | null;
  busy: boolean;
  load(): Promise<void>;
  /** Signs in; when the workstation is locked by this same login, unlocks it instead. */
  submit(login: string, password: string): Promise<boolean>;
  lock(): Promise<void>;
  logout(): Promise<void>;
}

/**
 * Answers can come back out of order (a status read sent before a lock may answer after it):
 * only the answer to the latest request may set the session, so a stale "unlocked" never
 * reopens a workstation that was just locked.
 */
let latest = 0;
const ticket = () => ++latest;
const isLatest = (n: number) => n === latest;

export const useSessionStore = create<SessionStore>((set, get) => ({
  session: undefined,
  hasOperators: true,
  error: null,
  busy: false,
  async load() {
    const n = ticket();
    const result = await backend.authStatus();
    if (result.ok && isLatest(n)) set({ session: result.value.session, hasOperators: result.value.hasOperators !== false });
  },
  async submit(login, password) {
    set({ busy: true, error: null });
    const current = get().session;
    const sameOperator = current?.locked && current.operator.login === login.trim().toLowerCase();
    const n = ticket();
    const result = sameOperator ? await backend.unlock({ password }) : await backend.login({ login, password });
    if (!result.ok) set({ error: result.error, busy: false });
    else set(isLatest(n) ? { session: result.value.session, busy: false } : { busy: false });
    return result.ok;
  },
  async lock() {
    const n = ticket();
    const result = await backend.lock();
    if (result.ok && isLatest(n)) set({ session: result.value.session, error: null });
  },
  async logout() {
    const n = ticket();
    const result = await backend.logout();
    if (result.ok && isLatest(n)) set({ session: null, error: null });
  },
}));

export const isSignedIn = (session: Session | null | undefined): session is Session => Boolean(session && !session.locked);
