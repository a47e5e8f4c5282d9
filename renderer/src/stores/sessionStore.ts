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

export const useSessionStore = create<SessionStore>((set, get) => ({
  session: undefined,
  hasOperators: true,
  error: null,
  busy: false,
  async load() {
    const result = await backend.authStatus();
    if (result.ok) set({ session: result.value.session, hasOperators: result.value.hasOperators !== false });
  },
  async submit(login, password) {
    set({ busy: true, error: null });
    const current = get().session;
    const sameOperator = current?.locked && current.operator.login === login.trim().toLowerCase();
    const result = sameOperator ? await backend.unlock({ password }) : await backend.login({ login, password });
    set(result.ok ? { session: result.value.session, busy: false } : { error: result.error, busy: false });
    return result.ok;
  },
  async lock() {
    const result = await backend.lock();
    if (result.ok) set({ session: result.value.session, error: null });
  },
  async logout() {
    const result = await backend.logout();
    if (result.ok) set({ session: null, error: null });
  },
}));

export const isSignedIn = (session: Session | null | undefined): session is Session => Boolean(session && !session.locked);
