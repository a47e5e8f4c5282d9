import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { reportError } from '../api/reportError';
import { translate } from '../i18n';
import { useStatusStore } from '../stores/statusStore';
import { useSessionStore } from '../stores/sessionStore';

/**
 * Sign-in, unlock and quick operator switch in one form: a locked workstation offers its
 * operator's login (type the password, Enter), and any other login signs that operator in.
 */
export function LoginScreen() {
  const { t } = useTranslation();
  const session = useSessionStore((s) => s.session);
  const error = useSessionStore((s) => s.error);
  const busy = useSessionStore((s) => s.busy);
  const hasOperators = useSessionStore((s) => s.hasOperators);
  // The services say what exists here: the packaged app's --add-operator, or a checkout's npm script.
  const firstAdminCommand = useStatusStore((s) => s.workstation?.firstAdminCommand) ?? 'npm run operator:add';
  const submit = useSessionStore((s) => s.submit);
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
  return (
    <main className="login-screen" data-testid="login-screen">
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
