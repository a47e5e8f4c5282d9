import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ResponseOf } from '../../../shared/api/contract';
import { backend } from '../api/backend';
import { useDebounced } from '../hooks/useDebounced';
import { useDraftStore } from '../stores/draftStore';
import { PriorityBadge } from './PriorityBadge';

/**
 * DOMAIN §3: as soon as a number is typed, the open and recent dossiers for it — a second call
 * about the same patient must not become an unrelated case. Alt+L links the most recent.
 */
export function RepeatCallers({ phone, excludeId }: { phone: string; excludeId: string | null }) {
  const { t } = useTranslation();
  const settled = useDebounced(phone, 150);
  const [history, setHistory] = useState<ResponseOf<'dossier:callerHistory'> | null>(null);

  useEffect(() => {
    if (settled.replace(/\D/g, '').length < 8) return setHistory(null);
    let current = true;
    void backend.callerHistory({ phone: settled }).then((result) => {
      if (current) setHistory(result.ok ? result.value : null);
    });
    return () => {
      current = false;
    };
  }, [settled]);

  const entries = (history?.byPhone ?? []).filter((e) => e.id !== excludeId);
  const ids = entries.map((e) => e.id).join(',');
  // The most recent one is what Alt+L links (a command of the registry).
  useEffect(() => useDraftStore.setState({ repeatCandidates: ids ? ids.split(',') : [] }), [ids]);
  if (entries.length === 0) return null;
  return (
    <section className="repeat-callers" data-testid="repeat-callers" aria-label={t('repeat.title')}>
      <h3>
        {t('repeat.title')} — {t('repeat.byPhone')}
      </h3>
      <ul>
        {entries.map((e) => (
          <li key={e.id}>
            <PriorityBadge priority={e.priority} /> {e.localNumber} · {e.motive} · {e.state}
          </li>
        ))}
      </ul>
      <p className="field-hint">{t('repeat.linkHint')}</p>
    </section>
  );
}
