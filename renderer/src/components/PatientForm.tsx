import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Patient } from '../../../shared/domain/dossier';
import { backend } from '../api/backend';
import { isFieldRefusal, reportError } from '../api/reportError';
import { useDraftStore } from '../stores/draftStore';
import { CodeSelect } from './CodeSelect';
import { Kbd } from './Kbd';
import { patientFieldId } from '../focus/focusTargets';
import { patientAge } from '../../../shared/domain/age';
import { toSiteLocal } from '../../../shared/domain/siteTime';
import { formatAge } from '../format/formatAge';
import { useStatusStore } from '../stores/statusStore';


type Fields = { lastName: string; firstName: string; sex: Patient['sex']; birthDate: string; ageYears: string; weightKg: string; identityQualified: boolean; ins: string };

const EMPTY: Fields = { lastName: '', firstName: '', sex: null, birthDate: '', ageYears: '', weightKg: '', identityQualified: false, ins: '' };

function fieldsOf(patient: Patient | undefined): Fields {
  if (!patient) return EMPTY;
  return {
    lastName: patient.lastName ?? '',
    firstName: patient.firstName ?? '',
    sex: patient.sex,
    birthDate: patient.birthDate ?? '',
    ageYears: patient.ageYears === null ? '' : String(patient.ageYears),
    weightKg: patient.weightKg === null ? '' : String(patient.weightKg),
    identityQualified: patient.identityQualified,
    ins: patient.ins ?? '',
  };
}

/** A number typed by the ARM, or null when the field is empty; NaN reaches the services, which refuse it at the field. */
function numberOrNull(text: string): number | null {
  const trimmed = text.trim().replace(',', '.');
  return trimmed === '' ? null : Number(trimmed);
}

const PATIENT_FIELDS = ['lastName', 'firstName', 'sex', 'birthDate', 'ageYears', 'weightKg', 'identityQualified', 'ins'] as const;

/**
 * The patients of the dossier (DOMAIN §3: one or more). Enter in any field saves the patient
 * being edited (a journal command); Alt+P starts another one; each saved patient can be edited
 * again from the list below the fields.
 */
export function PatientForm() {
  const { t, i18n } = useTranslation();
  const today = toSiteLocal(new Date(), useStatusStore((s) => s.workstation?.timeZone ?? 'Europe/Paris')).slice(0, 10);
  const saved = useDraftStore((s) => s.draft.saved);
  const apply = useDraftStore((s) => s.apply);
  const commandError = useDraftStore((s) => s.commandError);
  const editingId = useDraftStore((s) => s.editingPatientId);
  const patients = saved?.patients ?? [];
  // A dossier with one patient edits it; with none or after Alt+P, a new one.
  const editing = editingId === 'new' ? undefined : patients.find((p) => p.id === editingId) ?? (editingId === null && patients.length === 1 ? patients[0] : undefined);
  const [fields, setFields] = useState<Fields>(() => fieldsOf(editing));
  const [shownId, setShownId] = useState(editing?.id ?? 'new');
  if ((editing?.id ?? 'new') !== shownId) {
    // Another patient was chosen: show its values (React's "adjust state while rendering").
    setShownId(editing?.id ?? 'new');
    setFields(fieldsOf(editing));
  }
  const set = <K extends keyof Fields>(key: K, value: Fields[K]) => setFields((f) => ({ ...f, [key]: value }));

  const submit = async () => {
    const ageYears = numberOrNull(fields.ageYears);
    const done = await apply((dossierId) =>
      backend.upsertPatient({
        dossierId,
        ...(editing ? { patientId: editing.id } : {}),
        lastName: fields.lastName || null,
        firstName: fields.firstName || null,
        sex: fields.sex,
        birthDate: fields.birthDate || null,
        ageYears: ageYears !== null && Number.isFinite(ageYears) ? Math.trunc(ageYears) : ageYears,
        weightKg: numberOrNull(fields.weightKg),
        identityQualified: fields.identityQualified,
        ins: fields.identityQualified && fields.ins.trim() !== '' ? fields.ins.replace(/\s/g, '') : null,
      }),
    );
    if (done && !editing) {
      // The new patient is now the one being edited (its id comes from the services).
      const after = useDraftStore.getState().draft.saved?.patients ?? [];
      const created = after.find((p) => !patients.some((q) => q.id === p.id));
      if (created) useDraftStore.setState({ editingPatientId: created.id });
    }
  };
  const refusedField = isFieldRefusal(commandError) ? commandError.field : undefined;
  const patientRefused = refusedField !== undefined && (PATIENT_FIELDS as readonly string[]).includes(refusedField);
  const invalid = (field: string) => (refusedField === field ? true : undefined);
  const onKeyDown = (e: React.KeyboardEvent) => {
    if (e.key === 'Enter' && (e.target as HTMLElement).tagName !== 'BUTTON') {
      e.preventDefault();
      void submit();
    }
  };
  const text = (key: 'lastName' | 'firstName' | 'birthDate' | 'ageYears' | 'weightKg' | 'ins', label: string, inputMode?: 'numeric' | 'decimal') => (
    <>
      <label htmlFor={patientFieldId(key)}>{label}</label>
      <input
        id={patientFieldId(key)}
        type="text"
        autoComplete="off"
        inputMode={inputMode}
        value={fields[key]}
        disabled={key === 'ins' && !fields.identityQualified}
        aria-invalid={invalid(key)}
        onChange={(e) => set(key, e.target.value)}
      />
    </>
  );
  const moveInList = (e: React.KeyboardEvent<HTMLUListElement>) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    e.preventDefault();
    const buttons = [...e.currentTarget.querySelectorAll('button')];
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    buttons[(at + (e.key === 'ArrowRight' ? 1 : buttons.length - 1)) % buttons.length]?.focus();
  };
  const name = (p: Patient) => [p.lastName, p.firstName].filter(Boolean).join(' ') || t('patient.unnamed');
  return (
    <fieldset className="patient-form" data-testid="patient-form" onKeyDown={onKeyDown}>
      <legend>
        {editing ? t('patient.editing', { name: name(editing) }) : patients.length === 0 ? t('patient.title') : t('patient.newOne', { index: patients.length + 1 })}
      </legend>
      {text('lastName', t('patient.lastName'))}
      {text('firstName', t('patient.firstName'))}
      <label htmlFor="patient-sex">{t('patient.sex')}</label>
      <CodeSelect id="patient-sex" list="sexe" value={fields.sex} emptyLabel="—" onChange={(sex) => set('sex', sex)} />
      {text('birthDate', t('patient.birthDate'))}
      {text('ageYears', t('patient.age'), 'numeric')}
      {text('weightKg', t('patient.weight'), 'decimal')}
      <label htmlFor="patient-identityQualified" className="checkbox-label">
        <input id="patient-identityQualified" type="checkbox" checked={fields.identityQualified} onChange={(e) => set('identityQualified', e.target.checked)} />
        {t('patient.identityQualified')}
      </label>
      {text('ins', t('patient.ins'))}
      <p className={patientRefused ? 'field-error' : 'field-hint'} data-testid="patient-status" aria-live="polite">
        {patientRefused ? reportError(commandError!, t) : editing ? t('patient.saved', { name: name(editing) }) : t('patient.hint')}
      </p>
      {patients.length > 0 && (
        // One tab stop for the whole list (← → move inside it), so Tab goes on to the next section.
        <ul className="patient-list" data-testid="patient-list" aria-label={t('patient.list')} role="toolbar" onKeyDown={moveInList}>
          {patients.map((p, i) => (
            <li key={p.id}>
              <button
                type="button"
                tabIndex={p.id === (editing?.id ?? patients[0]!.id) ? 0 : -1}
                aria-pressed={p.id === editing?.id}
                onClick={() => useDraftStore.setState({ editingPatientId: p.id })}
              >
                {i + 1}. {name(p)}
                {p.sex ? ` · ${p.sex}` : ''}
                {p.birthDate ? ` · ${p.birthDate}` : p.ageYears !== null ? ` · ${t('patient.years', { count: p.ageYears })}` : ''}
                {/* Under two years the age is said in months (days for a newborn): a birth date alone hides it. */}
                {p.birthDate && patientAge(p, today)?.unit !== 'years' ? ` (${formatAge(t, patientAge(p, today))})` : ''}
                {p.weightKg !== null ? ` · ${new Intl.NumberFormat(i18n.language).format(p.weightKg)} kg` : ''}
                {p.identityQualified ? ` · ${t('patient.qualified')}` : ''}
              </button>
            </li>
          ))}
          <li>
            <button type="button" tabIndex={-1} onClick={() => useDraftStore.getState().startNewPatient()}>
              {t('patient.add')} <Kbd shortcut={{ code: 'KeyP', alt: true }} />
            </button>
          </li>
        </ul>
      )}
    </fieldset>
  );
}
