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
  /** Pro Santé Connect offered on this workstation, and required for decisions. */
  psc: { available: boolean; requiredForDecisions: boolean };
  /** A PSC sign-in waiting for the browser: its id and the address opened (shown if the browser could not open). */
  pscAttempt: { attemptId: string; url: string } | null;
  load(): Promise<void>;
  /** Signs in; when the workstation is locked by this same login, unlocks it instead. */
  submit(login: string, password: string): Promise<boolean>;
  lock(): Promise<void>;
  /**
   * Signs in with Pro Santé Connect: the services build the address, the system browser opens it
   * (Electron hands it to the OS; the harness's browser opens a tab), and the answer comes back
   * to the services' loopback listener. With a password, the first sign-in binds the account.
   */
  signInWithPsc(login: string, password: string): Promise<boolean>;
  cancelPsc(): Promise<void>;
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
  psc: { available: false, requiredForDecisions: false },
  pscAttempt: null,
  async load() {
    const n = ticket();
    const result = await backend.authStatus();
    if (result.ok && isLatest(n)) set({ session: result.value.session, hasOperators: result.value.hasOperators !== false, ...(result.value.psc ? { psc: result.value.psc } : {}) });
  },
  async signInWithPsc(login, password) {
    set({ busy: true, error: null });
    const started = await backend.startPsc({ ...(login.trim() ? { login } : {}), ...(password ? { password } : {}) });
    if (!started.ok) {
      set({ error: started.error, busy: false });
      return false;
    }
    const { attemptId, authorizationUrl } = started.value;
    // Still within the key press's activation, so the browser opens it; noopener: the provider's
    // page gets no handle on ours. (Electron hands exactly this URL to the system browser.)
    window.open(authorizationUrl, '_blank', 'noopener,noreferrer');
    set({ pscAttempt: { attemptId, url: authorizationUrl } });
    const n = ticket();
    const result = await backend.completePsc({ attemptId });
    if (get().pscAttempt?.attemptId === attemptId) set({ pscAttempt: null });
    if (!result.ok) {
      set({ error: result.error, busy: false });
      return false;
    }
    set(isLatest(n) ? { session: result.value.session, busy: false } : { busy: false });
    return true;
  },
  async cancelPsc() {
    const attempt = get().pscAttempt;
    if (attempt) await backend.cancelPsc({ attemptId: attempt.attemptId });
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
