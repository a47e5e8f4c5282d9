import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { RequestOf } from '../../../shared/api/contract';
import { backend } from '../api/backend';
import { useDraftStore } from '../stores/draftStore';
import { CodeSelect } from './CodeSelect';

/** Who calls: each field is saved (one journal command) when the ARM leaves it. */
export function CallerSection() {
  const { t } = useTranslation();
  const saved = useDraftStore((s) => s.draft.saved);
  const apply = useDraftStore((s) => s.apply);
  const error = useDraftStore((s) => s.commandError);
  const [callback, setCallback] = useState(saved?.caller.callbackPhone ?? '');
  const [name, setName] = useState(saved?.caller.name ?? '');
  if (!saved) return null;
  const update = (patch: Omit<RequestOf<'dossier:updateCaller'>, 'dossierId'>) => void apply((dossierId) => backend.updateCaller({ dossierId, ...patch }));
  const callbackRefused = error?.code === 'E_BAD_REQUEST' && error.field === 'callbackPhone';
  return (
    <fieldset className="caller-section" data-testid="caller-section">
      <legend>{t('caller.title')}</legend>
      <label htmlFor="caller-callback">{t('caller.callbackPhone')}</label>
      <input
        id="caller-callback"
        type="tel"
        autoComplete="off"
        value={callback}
        aria-invalid={callbackRefused || undefined}
        aria-describedby="caller-callback-help"
        onChange={(e) => setCallback(e.target.value)}
        onBlur={() => callback !== (saved.caller.callbackPhone ?? '') && update({ callbackPhone: callback })}
      />
      <p id="caller-callback-help" className={callbackRefused ? 'field-error' : 'field-hint'}>
        {callbackRefused ? t('dossier.fieldErrors.callerPhone') : (saved.caller.callbackPhone ?? t('caller.sameNumber'))}
      </p>
      <label htmlFor="caller-name">{t('caller.name')}</label>
      <input id="caller-name" type="text" autoComplete="off" value={name} onChange={(e) => setName(e.target.value)} onBlur={() => name !== (saved.caller.name ?? '') && update({ name })} />
      <label htmlFor="caller-type">{t('caller.type')}</label>
      <CodeSelect id="caller-type" list="typeAppelant" value={saved.caller.type} emptyLabel="—" onChange={(type) => update({ type })} />
      <label htmlFor="caller-language">{t('caller.language')}</label>
      <CodeSelect id="caller-language" list="langue" value={saved.caller.language} emptyLabel="—" onChange={(language) => update({ language })} />
      <label htmlFor="caller-communication">{t('caller.communication')}</label>
      <CodeSelect id="caller-communication" list="communication" value={saved.caller.communication} emptyLabel="—" onChange={(communication) => update({ communication })} />
    </fieldset>
  );
}
