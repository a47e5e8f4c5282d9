import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { reportError } from '../api/reportError';
import { useDraftStore } from '../stores/draftStore';
import { translate } from '../i18n';
import { DOSSIER_KINDS, type Dossier, type DossierKind } from '../../../shared/domain/dossier';
import { CodeSelect } from './CodeSelect';
import { DossierDetails } from './DossierDetails';
import { DossierHeader } from './DossierHeader';
import { Kbd } from './Kbd';
import { RepeatCallers } from './RepeatCallers';
import { PriorityPicker } from './PriorityPicker';
import { FOCUS } from '../focus/focusTargets';

/** The first patient with a name and a birth date: enough to find their earlier dossiers. */
function identityToLookUp(dossier: Dossier | null): { lastName: string; birthDate: string } | null {
  const patient = dossier?.patients.find((p) => p.lastName && p.birthDate);
  return patient ? { lastName: patient.lastName!, birthDate: patient.birthDate! } : null;
}

/** The ARM's first screen for a call: caller phone, motive, priority — then Ctrl+S. */
export function DossierForm() {
  const { t } = useTranslation();
  const { draft, dispatch, setPriority, save } = useDraftStore(useShallow(({ draft, dispatch, setPriority, save }) => ({ draft, dispatch, setPriority, save })));
  if (!draft.open) return <p className="dossier-empty">{t('dossier.empty')}</p>;

  const locked = draft.status === 'saving' || draft.saved !== null;
  // An invisible character refused by the services is said at its field, not as the field's usual mistake.
  const malformed = (field: 'callerPhone' | 'motive') => (draft.error?.code === 'E_MALFORMED' && draft.error.field === field ? reportError(draft.error, t) : null);
  const status =
    draft.status === 'saved' && draft.saved
      ? t('dossier.status.saved', { localNumber: draft.saved.localNumber })
      : draft.status === 'error'
        ? t('dossier.status.error', { message: draft.error ? reportError(draft.error, t) : draft.fieldErrors.motive ? t('dossier.fieldErrors.motive') : t('dossier.fieldErrors.priority') })
        : translate(t, `dossier.status.${draft.status}`);

  return (
    <form
      className="dossier-form"
      data-testid="dossier-form"
      aria-labelledby={FOCUS.dossierTitle}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
    >
      <DossierHeader
        dossier={draft.saved}
        title={<h2 id={FOCUS.dossierTitle} tabIndex={-1}>{draft.saved ? t('dossier.savedTitle', { localNumber: draft.saved.localNumber }) : t('dossier.formTitle')}</h2>}
        status={status}
        statusTestId="save-status"
        statusClass={`save-status save-${draft.status}`}
      />

      <label htmlFor={FOCUS.callerPhone}>{t('dossier.callerPhone')}</label>
      <input
        id={FOCUS.callerPhone}
        type="tel"
        autoComplete="off"
        value={draft.callerPhone}
        readOnly={locked}
        aria-invalid={draft.fieldErrors.callerPhone ? true : undefined}
        aria-describedby="callerPhone-help"
        onChange={(e) => dispatch({ type: 'edit', field: 'callerPhone', value: e.target.value })}
      />
      <p id="callerPhone-help" className={draft.fieldErrors.callerPhone ? 'field-error' : 'field-hint'}>
        {draft.fieldErrors.callerPhone ? (malformed('callerPhone') ?? t('dossier.fieldErrors.callerPhone')) : t('dossier.callerPhoneHint')}
      </p>

      <RepeatCallers phone={draft.callerPhone} patient={identityToLookUp(draft.saved)} excludeId={draft.saved?.id ?? null} />

      <label htmlFor={FOCUS.motive}>{t('dossier.motive')}</label>
      <input
        id={FOCUS.motive}
        type="text"
        autoComplete="off"
        value={draft.motive}
        readOnly={locked}
        aria-invalid={draft.fieldErrors.motive ? true : undefined}
        aria-describedby={draft.fieldErrors.motive ? 'motive-error' : undefined}
        onChange={(e) => dispatch({ type: 'edit', field: 'motive', value: e.target.value })}
      />
      {draft.fieldErrors.motive && (
        <p id="motive-error" className="field-error">
          {malformed('motive') ?? t('dossier.fieldErrors.motive')}
        </p>
      )}

      <PriorityPicker
        value={draft.saved?.priority ?? draft.priority}
        onChange={(p) => void setPriority(p)}
        disabled={draft.status === 'saving'}
        invalid={draft.fieldErrors.priority}
        describedBy={draft.fieldErrors.priority ? 'priority-error' : undefined}
      />
      {draft.fieldErrors.priority && (
        <p id="priority-error" className="field-error">
          {t('dossier.fieldErrors.priority')}
        </p>
      )}

      <div className="dossier-kind-origin">
        <label htmlFor="field-kind">{t('dossier.kind')}</label>
        <select id="field-kind" value={draft.kind} disabled={locked} onChange={(e) => dispatch({ type: 'setKind', kind: e.target.value as DossierKind })}>
          {DOSSIER_KINDS.map((kind) => (
            <option key={kind} value={kind}>
              {kind} — {t(`dossier.kinds.${kind}`)}
            </option>
          ))}
        </select>
        <label htmlFor="field-origin">{t('dossier.origin')}</label>
        <CodeSelect id="field-origin" list="origine" value={draft.origin} disabled={locked} onChange={(origin) => origin && dispatch({ type: 'setOrigin', origin })} />
      </div>

      <div className="form-actions">
        <button type="submit" disabled={locked}>
          {t('dossier.save')} <Kbd shortcut={{ code: 'KeyS', ctrl: true }} />
        </button>
      </div>
      <DossierDetails />
    </form>
  );
}
