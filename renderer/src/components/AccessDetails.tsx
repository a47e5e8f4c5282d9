import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DossierLocation } from '../../../shared/domain/dossier';
import { backend } from '../api/backend';
import { useDraftStore } from '../stores/draftStore';

type AccessField = 'floor' | 'doorCode' | 'intercom' | 'accessDetails';
const FIELDS: readonly AccessField[] = ['floor', 'doorCode', 'intercom', 'accessDetails'];

/** What the crew needs at the door, once the address is located: each field saved on leaving it. */
export function AccessDetails({ location }: { location: DossierLocation }) {
  const { t } = useTranslation();
  const apply = useDraftStore((s) => s.apply);
  const [values, setValues] = useState<Record<AccessField, string>>(() => Object.fromEntries(FIELDS.map((f) => [f, location[f] ?? ''])) as Record<AccessField, string>);
  const save = (field: AccessField) => {
    if (values[field] === (location[field] ?? '')) return;
    const { floor, doorCode, intercom, accessDetails } = location;
    const current = { floor, doorCode, intercom, accessDetails, [field]: values[field].trim() === '' ? null : values[field] };
    if (location.source === 'UNVERIFIED') {
      // The same place entered by hand, with its access details: still unverified.
      const { commune, description, lat, lon } = location;
      const coordinates = lat !== null && lon !== null ? `${lat} ${lon}` : '';
      void apply((dossierId) => backend.setManualLocation({ dossierId, commune: commune.inseeCode ? { inseeCode: commune.inseeCode } : { name: commune.name }, description, coordinates, ...current }));
      return;
    }
    const { source, floor: _f, doorCode: _d, intercom: _i, accessDetails: _a, ...address } = location;
    void apply((dossierId) => backend.setLocation({ dossierId, address, source, ...current }));
  };
  return (
    <div className="access-details" data-testid="access-details">
      {FIELDS.map((field) => (
        <div key={field} className="access-field">
          <label htmlFor={`access-${field}`}>{t(`address.access.${field}`)}</label>
          <input id={`access-${field}`} type="text" autoComplete="off" value={values[field]} onChange={(e) => setValues({ ...values, [field]: e.target.value })} onBlur={() => save(field)} />
        </div>
      ))}
    </div>
  );
}
