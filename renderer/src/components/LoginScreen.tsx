import { useEffect, useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useTranslation } from 'react-i18next';
import { reportError } from '../api/reportError';
import { translate } from '../i18n';
import { useStatusStore } from '../stores/statusStore';
import { useSessionStore } from '../stores/sessionStore';

/**
 * Sign-in, unlock and quick operator switch in one form: a locked workstation offers its
 * operator's login (type the password, Enter), and any other login signs that operator in.
 * Where the site configured it, Alt+C (C for carte, Connect; Alt+P is taken by the patient command) (or the button, reached with Tab) signs in with Pro Santé
 * Connect instead: with the password typed, the first time binds the account to its RPPS;
 * without, PSC's RPPS says who (or unlocks the locked operator). Échap cancels a PSC sign-in.
 */
export function LoginScreen() {
  const { t } = useTranslation();
  const { session, error, busy, hasOperators } = useSessionStore(useShallow(({ session, error, busy, hasOperators }) => ({ session, error, busy, hasOperators })));
  // The services say what exists here: the packaged app's --add-operator, or a checkout's npm script.
  const firstAdminCommand = useStatusStore((s) => s.workstation?.firstAdminCommand) ?? 'npm run operator:add';
  const submit = useSessionStore((s) => s.submit);
  const psc = useSessionStore((s) => s.psc);
  const pscAttempt = useSessionStore((s) => s.pscAttempt);
  const signInWithPsc = useSessionStore((s) => s.signInWithPsc);
  const cancelPsc = useSessionStore((s) => s.cancelPsc);
  const locked = session?.locked ? session : null;
  const [login, setLogin] = useState(locked?.operator.login ?? '');
  const [password, setPassword] = useState('');
  const passwordRef = useRef<HTMLInputElement>(null);
  const loginRef = useRef<HTMLInputElement>(null);
  // Keyed on who is locked out, not on the session object: a refreshed session (same operator)
  // must not pull the focus back while someone is typing in the other field.
  const lockedId = locked?.operator.id ?? null;
  useEffect(() => {
    (lockedId ? passwordRef : loginRef).current?.focus();
  }, [lockedId]);
  const startPsc = () => {
    if (busy) return;
    void signInWithPsc(login, password).then((ok) => {
      setPassword('');
      if (!ok) passwordRef.current?.focus();
    });
  };
  return (
    <main
      className="login-screen"
      data-testid="login-screen"
      onKeyDown={(e) => {
        if (psc.available && e.altKey && e.code === 'KeyC') {
          e.preventDefault();
          startPsc();
        } else if (pscAttempt && e.key === 'Escape') {
          e.preventDefault();
          void cancelPsc();
        }
      }}
    >
      <form
        className="login-form"
        onSubmit={(e) => {
          e.preventDefault();
          void submit(login, password).then((ok) => {
            setPassword('');
            if (!ok) passwordRef.current?.focus();
          });
        }}
      >
        <h2>{locked ? t('auth.lockedTitle', { name: locked.operator.displayName }) : t('auth.title')}</h2>
        {locked && <p className="field-hint">{t('auth.switchHint')}</p>}
        {!hasOperators && (
          <p className="field-hint" role="note" data-testid="first-start">
            {t('auth.firstStart', { command: firstAdminCommand })}
          </p>
        )}
        <label htmlFor="login-login">{t('auth.login')}</label>
        <input id="login-login" ref={loginRef} value={login} autoComplete="username" onChange={(e) => setLogin(e.target.value)} />
        <label htmlFor="login-password">{t('auth.password')}</label>
        <input id="login-password" ref={passwordRef} type="password" value={password} autoComplete="current-password" onChange={(e) => setPassword(e.target.value)} />
        <button type="submit" disabled={busy}>
          {locked && login.trim().toLowerCase() === locked.operator.login ? t('auth.unlock') : t('auth.submit')}
        </button>
        {psc.available && (
          <>
            <button type="button" className="psc-button" data-testid="psc-sign-in" disabled={busy} onClick={startPsc}>
              {t('auth.psc')}
            </button>
            <p className="field-hint">{t('auth.pscHint')}</p>
          </>
        )}
        {pscAttempt && (
          <p className="field-hint" role="status" data-testid="psc-waiting">
            {t('auth.pscWaiting')}
            <br />
            <small>
              {t('auth.pscOpenFailed')} : <code>{pscAttempt.url}</code>
            </small>
          </p>
        )}
        {error && (
          <p className="field-error" role="alert" data-testid="login-error">
            {reportError(error, t)}
          </p>
        )}
        {locked && <p className="field-hint">{translate(t, `roles.${locked.operator.role}`)}</p>}
      </form>
    </main>
  );
}
