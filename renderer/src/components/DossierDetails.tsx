import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { programmedState } from '../../../shared/domain/lifecycle';
import { reportError } from '../api/reportError';
import { translate } from '../i18n';
import { backend } from '../api/backend';
import { useDraftStore } from '../stores/draftStore';
import { AddressField } from './AddressField';
import { CallerSection } from './CallerSection';
import { QualificationSection } from './QualificationSection';
import { NotesSection } from './NotesSection';
import { PatientForm } from './PatientForm';
import { RoutingStatus } from './RoutingStatus';
import { LivePartnerValues } from './PartnerValues';
import { Transmissions } from './Transmissions';

/** The dossier's life-cycle state, or why finishing it was refused (the interlock of DOMAIN §8.2). */
function DossierState() {
  const { t } = useTranslation();
  const saved = useDraftStore((s) => s.draft.saved);
  // A P3 deferred regulation's callback has the dossier's id; done once the caller was reached.
  const [callbackDone, setCallbackDone] = useState(false);
  const deferredId = saved?.routing === 'deferredCallback' ? saved.id : null;
  useEffect(() => {
    setCallbackDone(false);
    if (!deferredId) return;
    const check = () => void backend.listCallbacks({ includeDone: true }).then((r) => r.ok && setCallbackDone(r.value.entries.some((c) => c.id === deferredId && c.doneAt !== null)));
    check();
    return backend.onCallbackChanged((e) => {
      if (e.callbackId === deferredId) check();
    });
  }, [deferredId]);
  const error = useDraftStore((s) => s.commandError);
  const state = saved ? programmedState(saved, callbackDone) : '';
  const refused = error?.code === 'E_INTERLOCK' || error?.code === 'E_DOSSIER_CLOSED' || error?.code === 'E_FORBIDDEN';
  if (refused) {
    return (
      <p className="field-error" data-testid="dossier-state" role="alert">
        {error.code === 'E_INTERLOCK' ? t('dossier.finishNeedsPhysician') : reportError(error, t)}
      </p>
    );
  }
  return (
    <p className="field-hint" data-testid="dossier-state" role="status">
      {t('dossier.state', { state: state ? translate(t, `states.${state}`) : '' })}
      {state === 'PROGRAM' && ` — ${t('dossier.programmed')}`}
    </p>
  );
}

/** Once the dossier exists, each part the ARM fills in is its own journal command. */
export function DossierDetails() {
  const { t } = useTranslation();
  const saved = useDraftStore((s) => s.draft.saved);
  if (!saved) return null;
  return (
    <div className="dossier-details" data-testid="dossier-details">
      {/* Keyed by dossier: opening another one starts each section from its own values. */}
      <AddressField key={`address-${saved.id}`} />
      <PatientForm key={`patient-${saved.id}`} />
      <RoutingStatus />
      <DossierState />
      <CallerSection key={`caller-${saved.id}`} />
      <QualificationSection />
      <NotesSection key={`notes-${saved.id}`} />
      <LivePartnerValues dossier={saved} />
      <Transmissions dossierId={saved.id} />
      {saved.linkedDossierIds.length > 0 && <p className="field-hint" data-testid="linked-status">{t('repeat.linked', { count: saved.linkedDossierIds.length })}</p>}
    </div>
  );
}
