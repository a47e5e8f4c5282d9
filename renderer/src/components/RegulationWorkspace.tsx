import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { currentDecisions } from '../../../shared/domain/decision';
import { decisionInWords, decisionVocabulary, type DecisionShown } from '../../../shared/domain/decisionWords';
import type { Dossier } from '../../../shared/domain/dossier';
import { formatTime, toSiteLocal } from '../../../shared/domain/siteTime';
import { patientAge } from '../../../shared/domain/age';
import { formatAge } from '../format/formatAge';
import { reportError } from '../api/reportError';
import { translate } from '../i18n';
import { isUnverifiedLocation, type DossierState } from '../../../shared/domain/dossier';
import { formatDecision } from '../format/formatDecision';
import { useStatusStore } from '../stores/statusStore';
import { useOperatorNamesStore } from '../stores/operatorNamesStore';
import type { TranslationKey } from '../../../shared/i18n';
import { useRegulationStore } from '../stores/regulationStore';
import { useSessionStore } from '../stores/sessionStore';
import { DecisionForm } from './DecisionForm';
import { DecisionName } from './DecisionName';
import { DossierHeader } from './DossierHeader';
import { PartnerValues } from './PartnerValues';
import { Transmissions } from './Transmissions';
import { FOCUS } from '../focus/focusTargets';


/** The regulator's view of the dossier taken: qualification, caller history, notes, decisions. */
/** The decision just signed, as the refreshed dossier holds it (its type alone until the refresh lands). */
function signedNow(dossier: Dossier, type: DecisionShown['type']): DecisionShown {
  const last = dossier.decisions.at(-1);
  return last && last.type === type ? last : { type };
}

export function RegulationWorkspace() {
  const { t, i18n } = useTranslation();
  const timeZone = useStatusStore((s) => s.workstation?.timeZone ?? 'Europe/Paris');
  // Today on the site's calendar: an infant's age in months, a newborn's in days.
  const today = toSiteLocal(new Date(), timeZone).slice(0, 10);
  const names = useOperatorNamesStore((s) => s.names);
  const hhmm = (iso: string) => formatTime(new Date(iso), timeZone, i18n.language).slice(0, 5);
  const dossier = useRegulationStore((s) => s.dossier);
  const history = useRegulationStore((s) => s.history);
  const error = useRegulationStore((s) => s.error);
  const saved = useRegulationStore((s) => s.saved);
  const addNote = useRegulationStore((s) => s.addNote);
  const [note, setNote] = useState('');
  const operatorId = useSessionStore((s) => s.session?.operator.id ?? '');
  if (!dossier) {
    return (
      <section className="regulation" data-testid="regulation">
        <p className="dossier-empty">{t('regulation.noDecision')} — F8</p>
        {error && <p className="field-error" role="alert" data-testid="regulation-status">{reportError(error, t)}</p>}
      </section>
    );
  }
  const statusText = error
    ? reportError(error, t)
    : saved?.kind === 'decision'
      ? t(saved.corrected ? 'regulation.correctionSaved' : 'regulation.decisionSaved', { decision: formatDecision(signedNow(dossier, saved.type), i18n.language) })
      : saved?.kind === 'note'
        ? t('regulation.noteSaved')
        : saved?.kind === 'state'
          ? t('regulation.state', { state: translate(t, `states.${saved.state as DossierState}`) })
          : '';
  const inForce = new Set(currentDecisions(dossier.decisions).map((d) => d.id));
  const describe = (id: string) => {
    const replaced = dossier.decisions.find((d) => d.id === id);
    return replaced ? `${decisionInWords(replaced, decisionVocabulary(i18n.language))} ${hhmm(replaced.at)}` : '—';
  };
  return (
    <section className="regulation" data-testid="regulation" aria-label={t('regulation.title', { localNumber: dossier.localNumber })}>
      <DossierHeader
        dossier={dossier}
        title={<h2 id="regulation-title" tabIndex={-1}>{t('regulation.title', { localNumber: dossier.localNumber })}</h2>}
        status={statusText}
        statusTestId="regulation-status"
        statusClass={error ? 'save-error' : 'save-saved'}
      />
      <p data-testid="regulation-summary">
        {t('regulation.qualification', { motive: dossier.motive, priority: dossier.priority })} · {t('regulation.state', { state: translate(t, `states.${dossier.state}`) })}
        {dossier.careLevel && <> · {dossier.careLevel}</>}
      </p>
      <dl className="regulation-facts" data-testid="regulation-facts">
        <dt>{t('qualification.title')}</dt>
        <dd>{[dossier.qualification.motif, dossier.qualification.fait, dossier.qualification.lieu, dossier.qualification.filiere, dossier.qualification.attribution].filter(Boolean).join(' · ') || '—'}</dd>
        <dt>{t('patient.title')}</dt>
        <dd>{dossier.patients.map((p) => [p.lastName, p.firstName, p.birthDate, formatAge(t, patientAge(p, today))].filter(Boolean).join(' ')).join(' ; ') || '—'}</dd>
        <dt>{t('address.label')}</dt>
        <dd data-testid="regulation-location">
          {dossier.location ? `${dossier.location.label}${dossier.location.accessDetails ? ` — ${dossier.location.accessDetails}` : ''}` : '—'}
          {isUnverifiedLocation(dossier.location) && <strong className="unverified-location"> ({t('address.unverified')})</strong>}
        </dd>
        <dt>{t('caller.title')}</dt>
        <dd>{[dossier.callerPhone, dossier.caller.callbackPhone, dossier.caller.name, dossier.caller.type].filter(Boolean).join(' · ') || '—'}</dd>
      </dl>
      <PartnerValues dossier={dossier} />
      {history.length > 0 && (
        <div className="regulation-history">
          <h3>{t('regulation.history')}</h3>
          <ul>
            {history.map((h) => (
              <li key={h.id}>
                {h.localNumber} — {h.motive}
              </li>
            ))}
          </ul>
        </div>
      )}
      <h3>{t('regulation.notes')}</h3>
      <ul className="regulation-notes" data-testid="regulation-notes">
        {dossier.notes.map((n) => (
          <li key={n.id}>
            {hhmm(n.at)} {names[n.authorId] ?? n.authorRole} ({translate(t, `roles.${n.authorRole}` as TranslationKey)}) {n.afterValidation && `(${t('regulation.afterValidation')})`} — {n.text}
          </li>
        ))}
      </ul>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (note.trim() === '') return;
          void addNote(note).then((ok) => ok && setNote(''));
        }}
      >
        <label htmlFor={FOCUS.regulationNote}>{t('regulation.noteLabel')}</label>
        <input id={FOCUS.regulationNote} value={note} onChange={(e) => setNote(e.target.value)} />
      </form>
      <h3>{t('regulation.decisions')}</h3>
      <ul className="regulation-decisions" data-testid="regulation-decisions">
        {dossier.decisions.length === 0 && <li>{t('regulation.noDecision')}</li>}
        {dossier.decisions.map((d) => (
          <li key={d.id} className={inForce.has(d.id) ? '' : 'superseded'}>
            {hhmm(d.at)} <DecisionName decision={d} /> — {[d.adviceText, d.prescriptionText, d.destination, d.reason].filter(Boolean).join(' · ') || '—'} — {names[d.authorId] ?? d.authorId} ({translate(t, `roles.${d.authorRole}` as TranslationKey)})
            {' — '}
            <span className="decision-authentication" data-testid="decision-authentication">
              {d.authentication === null
                ? t('psc.unknown')
                : d.authentication.method === 'psc'
                  ? t('psc.proof', { acr: d.authentication.acr, time: hhmm(d.authentication.at) })
                  : t('psc.local', { time: hhmm(d.authentication.at) })}
            </span>
            {inForce.has(d.id) ? <strong className="decision-in-force"> ({t('regulation.inForce')})</strong> : ` (${t('regulation.superseded')})`}
            {d.supersedes && <span className="decision-replaces"> — {t('regulation.replaces', { decision: describe(d.supersedes) })}</span>}
          </li>
        ))}
      </ul>
      <DecisionForm key={`${dossier.id}:${operatorId}`} />
      <Transmissions dossierId={dossier.id} />
      <p className="field-hint">{translate(t, 'regulation.takenBy', { name: dossier.regulator ? dossier.regulator.role : '—' })}</p>
    </section>
  );
}
