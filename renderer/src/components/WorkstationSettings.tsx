import { useEffect, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Channel, ResponseOf } from '../../../shared/api/contract';
import type { TelephonyStatus } from '../../../shared/api/telephonySchemas';
import { permissionFor } from '../../../shared/api/permissions';
import { LANGUAGES } from '../../../shared/i18n';
import { backend } from '../api/backend';
import { reportError } from '../api/reportError';
import { FOCUS } from '../focus/focusTargets';
import { useSessionStore } from '../stores/sessionStore';
import { useStatusStore } from '../stores/statusStore';
import { useUiStore } from '../stores/uiStore';
import { OverlayPanel } from './OverlayPanel';

const MAX_SIP_PASSWORD = 200;

/** The screen offers what the services would allow: the same permission table decides. */
const may = (channel: Channel) => permissionFor(channel, useSessionStore.getState().session?.operator.role ?? null) === 'allowed';

type Hub = ResponseOf<'hub:status'>;

/** The registration in words: state, cause, the server's answer and the last error. */
function TelephonySection() {
  const { t } = useTranslation();
  const [status, setStatus] = useState<TelephonyStatus | null>(null);
  const [password, setPassword] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const allowed = may('telephony:setPassword');
  useEffect(() => {
    void backend.telephonyStatus().then((r) => r.ok && setStatus(r.value));
    return backend.onTelephonyStatus(setStatus);
  }, []);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    if (password.length === 0) return setProblem(t('settings.passwordEmpty'));
    if (password.length > MAX_SIP_PASSWORD) return setProblem(t('settings.passwordTooLong', { count: password.length }));
    setProblem(null);
    const result = await backend.setSipPassword({ password });
    if (!result.ok) return setProblem(reportError(result.error, t));
    // Never kept on screen once the OS secret store has it.
    setPassword('');
    setStatus(result.value);
    setNotice(t('settings.passwordSaved'));
  };
  const reregister = async () => {
    const result = await backend.reregisterTelephony();
    if (result.ok) setStatus(result.value);
    else setProblem(reportError(result.error, t));
  };

  const configured = status !== null && status.reason !== 'notConfigured';
  return (
    <section aria-labelledby="settings-telephony">
      <h3 id="settings-telephony">{t('settings.telephony')}</h3>
      {status && (
        <ul data-testid="settings-telephony-status" aria-live="polite">
          <li className={status.state === 'failing' ? 'bad' : ''}>{t('settings.state', { state: t(`telephony.state.${status.state}`) })}</li>
          {status.reason && <li>{t('settings.reason', { reason: t(`telephony.reason.${status.reason}`) })}</li>}
          {status.sipCode !== null && <li>{t('settings.sipCode', { code: String(status.sipCode) })}</li>}
          {status.detail && status.state !== 'registered' && <li>{t('settings.lastError', { detail: status.detail })}</li>}
          {status.aor && <li>{t('settings.account', { aor: status.aor })}</li>}
        </ul>
      )}
      {configured && (
        <>
          {allowed ? (
            <form className="settings-secret" onSubmit={(e) => void save(e)}>
              <label htmlFor={FOCUS.sipPassword}>{t('settings.password')}</label>
              <input
                id={FOCUS.sipPassword}
                type="password"
                autoComplete="off"
                value={password}
                aria-invalid={problem !== null}
                aria-describedby="settings-sip-password-hint settings-sip-password-problem"
                onChange={(e) => {
                  setPassword(e.target.value);
                  setProblem(null);
                }}
              />
              <button type="submit">{t('settings.savePassword')}</button>
              <p id="settings-sip-password-hint" className="field-hint">
                {t('settings.passwordHint')}
              </p>
            </form>
          ) : (
            <p className="field-hint">{t('settings.passwordNotYours')}</p>
          )}
          <p id="settings-sip-password-problem" className="field-error" role={problem ? 'alert' : undefined} data-testid="settings-sip-password-problem">
            {problem}
          </p>
          {notice && <p className="field-hint">{notice}</p>}
          {may('telephony:reregister') && (
            <button type="button" id="settings-reregister" onClick={() => void reregister()}>
              {t('settings.reregister')}
            </button>
          )}
        </>
      )}
    </section>
  );
}

/** The Hub link: connected, or why not (a fault names its cause); the ADMIN types the pass phrase. */
function HubSection() {
  const { t } = useTranslation();
  const hub = useStatusStore((s) => s.hub);
  const [passphrase, setPassphrase] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  useEffect(() => {
    void backend.hubStatus().then((r) => r.ok && useStatusStore.getState().setHub(r.value));
  }, []);

  const save = async (e: FormEvent) => {
    e.preventDefault();
    setNotice(null);
    if (passphrase.length === 0) return setProblem(t('settings.passphraseEmpty'));
    setProblem(null);
    const result = await backend.setHubPassphrase({ passphrase });
    if (!result.ok) return setProblem(reportError(result.error, t));
    setPassphrase('');
    useStatusStore.getState().setHub(result.value);
    setNotice(t('settings.passphraseSaved'));
  };

  return (
    <section aria-labelledby="settings-hub">
      <h3 id="settings-hub">{t('settings.hub')}</h3>
      {hub && !hub.configured && <p>{t('settings.hubNotConfigured')}</p>}
      {hub?.configured && (
        <>
          <ul data-testid="settings-hub-status" aria-live="polite">
            <li className={hub.fault ? 'bad' : ''}>{hubState(hub, t as unknown as (key: string, options?: Record<string, string>) => string)}</li>
            {(hub.fault?.detail ?? (!hub.connected ? hub.lastError : null)) && <li>{t('settings.hubDetail', { detail: hub.fault?.detail ?? hub.lastError ?? '' })}</li>}
          </ul>
          {may('hub:setPassphrase') ? (
            <form className="settings-secret" onSubmit={(e) => void save(e)}>
              <label htmlFor={FOCUS.hubPassphrase}>{t('settings.passphrase')}</label>
              <input
                id={FOCUS.hubPassphrase}
                type="password"
                autoComplete="off"
                value={passphrase}
                aria-invalid={problem !== null}
                aria-describedby="settings-hub-passphrase-hint"
                onChange={(e) => {
                  setPassphrase(e.target.value);
                  setProblem(null);
                }}
              />
              <button type="submit">{t('settings.savePassphrase')}</button>
              <p id="settings-hub-passphrase-hint" className="field-hint">
                {t('settings.passphraseHint')}
              </p>
            </form>
          ) : (
            <p className="field-hint">{t('settings.passphraseNotYours')}</p>
          )}
          <p className="field-error" role={problem ? 'alert' : undefined}>
            {problem}
          </p>
          {notice && <p className="field-hint">{notice}</p>}
        </>
      )}
    </section>
  );
}

// Literal keys: a template key nested in another t() call is too deep for i18next's types.
const HUB_FAULT_KEYS = {
  certificateUnreadable: 'hub.fault.certificateUnreadable',
  certificateInvalid: 'hub.fault.certificateInvalid',
  passphrase: 'hub.fault.passphrase',
} as const;

// A plain signature: i18next's full key types, instantiated once more here, exceed the compiler's depth.
function hubState(hub: Hub, t: (key: string, options?: Record<string, string>) => string): string {
  if (hub.fault) {
    return t('settings.hubFault', { reason: t(HUB_FAULT_KEYS[hub.fault.reason]) });
  }
  return hub.connected ? t('settings.hubConnected') : t('settings.hubDisconnected');
}

/** The screens' language: this choice is kept by the services for the next start. */
function LanguageSection() {
  const { t } = useTranslation();
  const language = useUiStore((s) => s.language);
  const configured = useStatusStore((s) => s.workstation?.configuredLanguage ?? null);
  return (
    <section aria-labelledby="settings-language">
      <h3 id="settings-language">{t('settings.language')}</h3>
      <p>{t('settings.languageNow', { language: t(`settings.languages.${language}`) })}</p>
      {configured && <p className="field-hint">{t('settings.languageConfigured', { language: t(`settings.languages.${configured}`) })}</p>}
      <div role="group" aria-labelledby="settings-language">
        {LANGUAGES.map((l) => (
          <button key={l} type="button" id={`settings-language-${l}`} aria-pressed={l === language} onClick={() => useUiStore.getState().chooseLanguage(l)}>
            {t(`settings.languages.${l}`)}
          </button>
        ))}
      </div>
      <p className="field-hint">{t('settings.languageKept')}</p>
    </section>
  );
}

/** "Réglages du poste" (Alt+Maj+W or the palette). */
export function WorkstationSettings({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <OverlayPanel title={t('settings.title')} titleId="settings-title" testId="settings" onClose={onClose} closeLabel={t('settings.close')} closeId="settings-close">
      <TelephonySection />
      <HubSection />
      <LanguageSection />
    </OverlayPanel>
  );
}
