import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CodeOf } from '../../../shared/domain/codes';
import { REQUIRED_FIELDS } from '../../../shared/domain/decision';
import { formatTime } from '../../../shared/domain/siteTime';
import { useRegulationStore } from '../stores/regulationStore';
import { useStatusStore } from '../stores/statusStore';
import { CodeSelect } from './CodeSelect';
import { formatDecision } from '../format/formatDecision';
import { FOCUS } from '../focus/focusTargets';


/**
 * A physician's decision: the type (official code; each type has its shortcut in the registry),
 * the care level, then only the fields that type needs. Ctrl+Entrée signs it from any field
 * (Entrée too from a text field); a refused field keeps what was typed, a signed decision
 * leaves the form empty. The workspace remounts it per dossier and operator.
 */
export function DecisionForm() {
  const { t, i18n } = useTranslation();
  const timeZone = useStatusStore((s) => s.workstation?.timeZone ?? 'Europe/Paris');
  const type = useRegulationStore((s) => s.decisionType);
  const setType = useRegulationStore((s) => s.setDecisionType);
  const addDecision = useRegulationStore((s) => s.addDecision);
  const correcting = useRegulationStore((s) => (s.correcting ? (s.dossier?.decisions.find((d) => d.id === s.correcting) ?? null) : null));
  const cancelCorrection = useRegulationStore((s) => s.cancelCorrection);
  const [careLevel, setCareLevel] = useState<CodeOf<'niveauSoin'> | null>(null);
  const [text, setText] = useState('');
  const [resourceType, setResourceType] = useState<CodeOf<'typeRessource'> | null>(null);
  const [orientationType, setOrientationType] = useState<CodeOf<'typeOrientation'> | null>(null);
  const [transport, setTransport] = useState(false);
  const [destination, setDestination] = useState('');
  const needs = REQUIRED_FIELDS[type];
  const textField = needs.find((f) => f === 'adviceText' || f === 'prescriptionText' || f === 'reason');

  const submit = async () => {
    // The care level is the physician's call: never defaulted behind their back.
    if (careLevel === null) {
      useRegulationStore.setState({ error: { code: 'E_BAD_REQUEST', message: 'careLevel: required', field: 'careLevel' } });
      document.getElementById(FOCUS.decisionCare)?.focus();
      return;
    }
    const ok = await addDecision({
      type,
      careLevel,
      ...(textField ? { [textField]: text } : {}),
      ...(type === 'INTER' ? { resourceType } : {}),
      ...(type === 'ORIENT' ? { orientationType, transport, destination } : {}),
    });
    if (ok) {
      // Signed: nothing of it stays in the form, so a second Entrée cannot sign it again.
      setCareLevel(null);
      setText('');
      setResourceType(null);
      setOrientationType(null);
      setTransport(false);
      setDestination('');
      setType('CONSEIL');
      document.getElementById(FOCUS.decisionType)?.focus();
    }
  };

  return (
    <form
      className="decision-form"
      data-testid="decision-form"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && correcting) {
          e.preventDefault();
          e.stopPropagation();
          cancelCorrection();
          return;
        }
        // Ctrl+Entrée signs from any field, a select included (where Entrée opens its list).
        if (e.key === 'Enter' && (e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey) {
          e.preventDefault();
          e.stopPropagation();
          void submit();
        }
      }}
    >
      {correcting && (
        <p className="decision-correcting" data-testid="decision-correcting" role="status">
          {t('regulation.correcting', { decision: formatDecision(correcting, i18n.language), time: formatTime(new Date(correcting.at), timeZone, i18n.language).slice(0, 5) })}
        </p>
      )}
      <label htmlFor={FOCUS.decisionType}>{t('regulation.decisionType')}</label>
      <CodeSelect id={FOCUS.decisionType} list="typeDecision" value={type} emptyLabel="—" onChange={(code) => code && setType(code)} />
      <label htmlFor={FOCUS.decisionCare}>{t('regulation.careLevel')}</label>
      <CodeSelect id={FOCUS.decisionCare} list="niveauSoin" value={careLevel} emptyLabel="—" onChange={setCareLevel} />
      {textField && (
        <>
          <label htmlFor="decision-text">{t(`regulation.${textField}`)}</label>
          <input id="decision-text" value={text} onChange={(e) => setText(e.target.value)} />
        </>
      )}
      {type === 'INTER' && (
        <>
          <label htmlFor="decision-resource">{t('regulation.resourceType')}</label>
          <CodeSelect id="decision-resource" list="typeRessource" value={resourceType} emptyLabel="—" onChange={setResourceType} />
        </>
      )}
      {type === 'ORIENT' && (
        <>
          <label htmlFor="decision-orientation">{t('regulation.orientationType')}</label>
          <CodeSelect id="decision-orientation" list="typeOrientation" value={orientationType} emptyLabel="—" onChange={setOrientationType} />
          <label htmlFor="decision-transport">
            <input id="decision-transport" type="checkbox" checked={transport} onChange={(e) => setTransport(e.target.checked)} /> {t('regulation.transport')}
          </label>
          <label htmlFor="decision-destination">{t('regulation.destination')}</label>
          <input id="decision-destination" value={destination} onChange={(e) => setDestination(e.target.value)} />
        </>
      )}
      <button type="submit">{t(correcting ? 'regulation.saveCorrection' : 'regulation.saveDecision')}</button>
    </form>
  );
}
