import { useTranslation } from 'react-i18next';
import type { RequestOf } from '../../../shared/api/contract';
import { backend } from '../api/backend';
import { useDraftStore } from '../stores/draftStore';
import { CodeSelect } from './CodeSelect';

/** Qualification with the official codes: motive, what happened, place, branch, attribution. */
export function QualificationSection() {
  const { t } = useTranslation();
  const saved = useDraftStore((s) => s.draft.saved);
  const apply = useDraftStore((s) => s.apply);
  if (!saved) return null;
  const q = saved.qualification;
  const update = (patch: Omit<RequestOf<'dossier:updateQualification'>, 'dossierId'>) => void apply((dossierId) => backend.updateQualification({ dossierId, ...patch }));
  return (
    <fieldset className="qualification-section" data-testid="qualification-section">
      <legend>{t('qualification.title')}</legend>
      <label htmlFor="q-motif">{t('qualification.motif')}</label>
      <CodeSelect id="q-motif" list="motif" value={q.motif} emptyLabel="—" onChange={(motif) => update({ motif })} />
      <label htmlFor="q-fait">{t('qualification.fait')}</label>
      <CodeSelect id="q-fait" list="fait" value={q.fait} emptyLabel="—" onChange={(fait) => update({ fait })} />
      <label htmlFor="q-lieu">{t('qualification.lieu')}</label>
      <CodeSelect id="q-lieu" list="lieu" value={q.lieu} emptyLabel="—" onChange={(lieu) => update({ lieu })} />
      <label htmlFor="q-filiere">{t('qualification.filiere')}</label>
      <CodeSelect id="q-filiere" list="filiere" value={q.filiere} emptyLabel="—" onChange={(filiere) => update({ filiere })} />
      <label htmlFor="q-attribution">{t('qualification.attribution')}</label>
      <CodeSelect id="q-attribution" list="attribution" value={q.attribution} emptyLabel="—" onChange={(attribution) => update({ attribution })} />
    </fieldset>
  );
}
