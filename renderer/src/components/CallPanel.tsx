import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../shared/api/contract';
import { ringingCalls } from '../../../shared/domain/callList';
import type { Call } from '../../../shared/domain/callState';
import { backend } from '../api/backend';
import { reportError } from '../api/reportError';
import { Ringer } from '../media/mediaBridge';
import { useCallStore } from '../stores/callStore';
import { Kbd } from './Kbd';

const ringer = new Ringer();

/** Previous dossiers for a ringing number, shown before the ARM answers (DOMAIN §3). */
function RingingHistory({ phone }: { phone: string | null }) {
  const { t } = useTranslation();
  const [history, setHistory] = useState<ResponseOf<'dossier:callerHistory'> | null>(null);
  useEffect(() => {
    if (!phone || !phone.startsWith('+')) return setHistory(null);
    let current = true;
    void backend.callerHistory({ phone }).then((r) => current && setHistory(r.ok ? r.value : null));
    return () => {
      current = false;
    };
  }, [phone]);
  if (!history) return null;
  const entries = history.byPhone;
  if (entries.length === 0) return <p className="call-history">{t('telephony.call.noHistory')}</p>;
  return (
    <div className="call-history">
      <p>{t('telephony.call.history', { count: entries.length })}</p>
      <ul>
        {entries.slice(0, 3).map((e) => (
          <li key={e.id}>
            {e.localNumber} · {e.priority} · {e.motive}
          </li>
        ))}
      </ul>
    </div>
  );
}

function CallRow({ call }: { call: Call }) {
  const { t } = useTranslation();
  const { answer, hangup, toggleHold } = useCallStore.getState();
  const waiting = call.state === 'ringing' || call.state === 'presented';
  return (
    <li className={`call call-${call.state}`} data-testid={`call-${call.state}`}>
      <span className="call-direction">{t(call.direction === 'inbound' ? 'telephony.call.inbound' : 'telephony.call.outbound')}</span>
      <strong className="call-number">{call.remoteNumber ?? t('telephony.call.withheld')}</strong>
      {call.remoteName && <span className="call-name">{call.remoteName}</span>}
      <span className="call-state" role="status">
        {t(`telephony.call.state.${call.state}`)}
      </span>
      {waiting && call.direction === 'inbound' && (
        <button type="button" onClick={() => void answer(call.id)}>
          {t('telephony.actions.answer')} <Kbd shortcut={{ code: 'F3' }} />
        </button>
      )}
      {(call.state === 'active' || call.state === 'held') && (
        <button type="button" onClick={() => void toggleHold(call.id)}>
          {t(call.state === 'held' ? 'telephony.actions.resume' : 'telephony.actions.hold')} <Kbd shortcut={{ code: 'F6' }} />
        </button>
      )}
      <button type="button" onClick={() => void hangup(call.id)}>
        {t('telephony.actions.hangup')} <Kbd shortcut={{ code: 'F4' }} />
      </button>
      {waiting && <RingingHistory phone={call.remoteNumber} />}
    </li>
  );
}

const DTMF_TONE = /^[0-9*#A-Da-d]$/;

/**
 * The DTMF keypad (Alt+D while a call is active): each digit typed goes to the call at once, as
 * SIP INFO; Escape or Enter closes it and gives the focus back to where it was. Digits typed
 * here never reach a dossier field.
 */
function DtmfKeypad() {
  const { t } = useTranslation();
  const sent = useCallStore((s) => s.dtmfSent);
  const active = useCallStore((s) => s.list.calls.some((c) => c.state === 'active'));
  const input = useRef<HTMLInputElement>(null);
  const [returnTo] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  const close = () => {
    useCallStore.getState().setKeypadOpen(false);
    returnTo?.focus();
  };
  useEffect(() => input.current?.focus(), []);
  useEffect(() => {
    // The call ended or went on hold: nothing to send tones to.
    if (!active) close();
  });
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>) => {
    if (event.key === 'Escape' || event.key === 'Enter') {
      event.preventDefault();
      close();
    } else if (DTMF_TONE.test(event.key) && !event.ctrlKey && !event.altKey && !event.metaKey) {
      event.preventDefault();
      void useCallStore.getState().dtmf(event.key.toUpperCase());
    } else if (event.key.length === 1) {
      event.preventDefault();
    }
  };
  return (
    <div className="call-keypad" data-testid="dtmf-keypad">
      <label>
        {t('telephony.keypad.label')}
        <input ref={input} value="" readOnly inputMode="tel" onKeyDown={onKeyDown} onBlur={() => useCallStore.getState().setKeypadOpen(false)} />
      </label>
      {sent && (
        <span role="status" data-testid="dtmf-sent">
          {t('telephony.keypad.sent', { tones: sent })}
        </span>
      )}
    </div>
  );
}

/** The calls of this position and the softphone's status, always on screen. */
export function CallPanel() {
  const { t } = useTranslation();
  const { list, status, error, muted, keypadOpen, consultation } = useCallStore(useShallow(({ list, status, error, muted, keypadOpen, consultation }) => ({ list, status, error, muted, keypadOpen, consultation })));
  const ringing = ringingCalls(list).length > 0;
  useEffect(() => ringer?.set(ringing), [ringing]);
  const stateText = status ? t(`telephony.state.${status.state}`) : t('telephony.state.offline');
  // A post without telephony is a configuration, not a failure: said calmly, no alarm colour.
  const none = status?.reason === 'notConfigured';
  return (
    <section className="call-panel" aria-label={t('telephony.title')}>
      <span className={`telephony-status telephony-${none ? 'none' : (status?.state ?? 'offline')}`} role="status" data-testid="telephony-status">
        {none ? (
          t('telephony.notConfigured')
        ) : (
          <>
            {stateText}
            {status?.reason && <> · {t(`telephony.reason.${status.reason}`)}</>}
            {status?.sipCode ? <> ({status.sipCode})</> : null}
          </>
        )}
      </span>
      {muted && (
        <span className="call-muted" role="status" data-testid="call-muted">
          {t('telephony.actions.unmute')} <Kbd shortcut={{ code: 'KeyM', alt: true }} />
        </span>
      )}
      {error && (
        <span className="call-error" role="alert">
          {reportError(error, t)}
        </span>
      )}
      {consultation && (
        <span className="call-consultation" role="status" data-testid="call-consultation">
          {t(consultation.conference ? 'phone.conference' : 'phone.consulting')}
          {!consultation.conference && <Kbd shortcut={{ code: 'Digit3', alt: true, shift: true }} />} <Kbd shortcut={{ code: 'Enter', alt: true, shift: true }} />
        </span>
      )}
      {keypadOpen && <DtmfKeypad />}
      {list.calls.length === 0 ? (
        <span className="call-none">{t('telephony.none')}</span>
      ) : (
        <ul className="calls">
          {list.calls.map((call) => (
            <CallRow key={call.id} call={call} />
          ))}
        </ul>
      )}
    </section>
  );
}
