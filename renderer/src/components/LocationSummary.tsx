import { useTranslation } from 'react-i18next';
import type { DossierLocation } from '../../../shared/domain/dossier';

/** Where the dossier is located, in one line; a place entered by hand says, first, that nobody verified it. */
export function LocationSummary({ location }: { location: DossierLocation }) {
  const { t } = useTranslation();
  if (location.source !== 'UNVERIFIED') {
    return <p className="field-hint">{t('address.located', { label: location.label, precision: location.precision, insee: location.inseeCode })}</p>;
  }
  const coordinates = location.lat !== null && location.lon !== null ? t('address.manual.coordinatesShown', { lat: String(location.lat), lon: String(location.lon) }) : t('address.manual.noCoordinates');
  return (
    <p className="field-hint unverified-location" data-testid="location-unverified">
      {t('address.unverifiedLocated', { label: location.label, coordinates })}
      {!location.commune.listed && <> — {t('address.manual.notListed')}</>}
    </p>
  );
}
