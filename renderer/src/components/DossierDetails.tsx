import { useTranslation } from 'react-i18next';
import { useDraftStore } from '../stores/draftStore';
import { AddressField } from './AddressField';
import { CallerSection } from './CallerSection';
import { QualificationSection } from './QualificationSection';
import { NotesSection } from './NotesSection';
import { PatientForm } from './PatientForm';
import { RoutingStatus } from './RoutingStatus';

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
      <CallerSection key={`caller-${saved.id}`} />
      <QualificationSection />
      <NotesSection key={`notes-${saved.id}`} />
      {saved.linkedDossierIds.length > 0 && <p className="field-hint" data-testid="linked-status">{t('repeat.linked', { count: saved.linkedDossierIds.length })}</p>}
    </div>
  );
}
