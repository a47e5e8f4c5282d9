import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../shared/api/contract';
import { backend } from '../api/backend';
import { useDebounced } from '../hooks/useDebounced';
import { useDraftStore } from '../stores/draftStore';
import type { QueueEntry } from '../../../shared/domain/queue';
import { formatDateTime } from '../../../shared/domain/siteTime';
import { useStatusStore } from '../stores/statusStore';
import { PriorityBadge } from './PriorityBadge';
import { DossierStanding } from './DossierStanding';
import { translate } from '../i18n';

/**
 * DOMAIN §3: as soon as a number is typed, the open and recent dossiers for it — a second call
 * about the same patient must not become an unrelated case. Alt+L links the most recent.
 */
export function RepeatCallers({ phone, patient, excludeId }: { phone: string; patient: { lastName: string; birthDate: string } | null; excludeId: string | null }) {
  const { t } = useTranslation();
  const settled = useDebounced(phone, 150);
  const [history, setHistory] = useState<ResponseOf<'dossier:callerHistory'> | null>(null);
  const lastName = patient?.lastName ?? null;
  const birthDate = patient?.birthDate ?? null;

  useEffect(() => {
    const byPhone = settled.replace(/\D/g, '').length >= 8;
    if (!byPhone && !(lastName && birthDate)) return setHistory(null);
    let current = true;
    void backend.callerHistory({ ...(byPhone ? { phone: settled } : {}), ...(lastName && birthDate ? { lastName, birthDate } : {}) }).then((result) => {
      if (current) setHistory(result.ok ? result.value : null);
    });
    return () => {
      current = false;
    };
  }, [settled, lastName, birthDate]);

  const byPhone = (history?.byPhone ?? []).filter((e) => e.id !== excludeId);
  const byPatient = (history?.byPatient ?? []).filter((e) => e.id !== excludeId && !byPhone.some((p) => p.id === e.id));
  // Newest first across both look-ups: Alt+L links the most recent one.
  const entries = [...byPhone, ...byPatient].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const ids = entries.map((e) => e.id).join(',');
  // The most recent one is what Alt+L links (a command of the registry).
  useEffect(() => useDraftStore.setState({ repeatCandidates: ids ? ids.split(',') : [] }), [ids]);
  if (entries.length === 0) return null;
  return (
    <section className="repeat-callers" data-testid="repeat-callers" aria-label={t('repeat.title')}>
      <h3>{t('repeat.title')}</h3>
      {byPhone.length > 0 && <Group title={t('repeat.byPhone')} entries={byPhone} testId="repeat-by-phone" />}
      {byPatient.length > 0 && <Group title={t('repeat.byPatient')} entries={byPatient} testId="repeat-by-patient" />}
      <p className="field-hint">{t('repeat.linkHint')}</p>
    </section>
  );
}

function Group({ title, entries, testId }: { title: string; entries: readonly QueueEntry[]; testId: string }) {
  const { t, i18n } = useTranslation();
  const timeZone = useStatusStore((s) => s.workstation?.timeZone ?? 'Europe/Paris');
  return (
    <>
      <h4>{title}</h4>
      <ul data-testid={testId}>
        {entries.map((e) => (
          <li key={e.id}>
            <PriorityBadge priority={e.priority} /> {e.localNumber} · {formatDateTime(new Date(e.createdAt), timeZone, i18n.language)} · {e.motive} · {translate(t, `states.${e.state}`)}
            <DossierStanding dossierId={e.id} />
          </li>
        ))}
      </ul>
    </>
  );
}
