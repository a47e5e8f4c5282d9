import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { backend } from '../api/backend';
import { reportError } from '../api/reportError';
import { useDraftStore } from '../stores/draftStore';

/** The first patient of the dossier: Enter in any field saves it (a journal command). */
export function PatientForm() {
  const { t } = useTranslation();
  const saved = useDraftStore((s) => s.draft.saved);
  const apply = useDraftStore((s) => s.apply);
  const commandError = useDraftStore((s) => s.commandError);
  const patient = saved?.patients[0];
  const [fields, setFields] = useState({ lastName: '', firstName: '', birthDate: '', ageYears: '' });
  const edit = (key: keyof typeof fields) => (e: React.ChangeEvent<HTMLInputElement>) => setFields({ ...fields, [key]: e.target.value });

  const submit = async () => {
    const age = fields.ageYears.trim() === '' ? null : Number(fields.ageYears);
    await apply((dossierId) =>
      backend.upsertPatient({
        dossierId,
        ...(patient ? { patientId: patient.id } : {}),
        lastName: fields.lastName || null,
        firstName: fields.firstName || null,
        birthDate: fields.birthDate || null,
        ageYears: age !== null && Number.isFinite(age) ? Math.trunc(age) : null,
      }),
    );
  };
  const refusedField = commandError?.code === 'E_BAD_REQUEST' ? commandError.field : undefined;
  const input = (key: keyof typeof fields, label: string, errorField = key) => (
    <>
      <label htmlFor={`patient-${key}`}>{label}</label>
      <input
        id={`patient-${key}`}
        type="text"
        autoComplete="off"
        value={fields[key]}
        aria-invalid={refusedField === errorField ? true : undefined}
        onChange={edit(key)}
        onKeyDown={(e) => {
          if (e.key === 'Enter') {
            e.preventDefault();
            void submit();
          }
        }}
      />
    </>
  );
  return (
    <fieldset className="patient-form" data-testid="patient-form">
      <legend>{t('patient.title')}</legend>
      {input('lastName', t('patient.lastName'))}
      {input('firstName', t('patient.firstName'))}
      {input('birthDate', t('patient.birthDate'))}
      {input('ageYears', t('patient.age'))}
      <p className={refusedField && ['birthDate', 'ageYears', 'ins'].includes(refusedField) ? 'field-error' : 'field-hint'} data-testid="patient-status" aria-live="polite">
        {refusedField && ['birthDate', 'ageYears', 'ins'].includes(refusedField)
          ? reportError(commandError!, t)
          : patient
            ? t('patient.saved', { name: [patient.lastName, patient.firstName].filter(Boolean).join(' ') || '—' })
            : t('patient.hint')}
      </p>
    </fieldset>
  );
}
