import { useTranslation } from 'react-i18next';
import { useDraftStore } from '../stores/draftStore';
import { AddressField } from './AddressField';
import { CallerSection } from './CallerSection';
import { QualificationSection } from './QualificationSection';
import { PatientForm } from './PatientForm';
import { RoutingStatus } from './RoutingStatus';

/** Once the dossier exists, each part the ARM fills in is its own journal command. */
export function DossierDetails() {
  const { t } = useTranslation();
  const saved = useDraftStore((s) => s.draft.saved);
  if (!saved) return null;
  return (
    <div className="dossier-details" data-testid="dossier-details">
      <AddressField />
      <PatientForm />
      <RoutingStatus />
      <CallerSection key={`caller-${saved.id}`} />
      <QualificationSection />
      {saved.linkedDossierIds.length > 0 && <p className="field-hint" data-testid="linked-status">{t('repeat.linked', { count: saved.linkedDossierIds.length })}</p>}
    </div>
  );
}
