import { useTranslation } from 'react-i18next';
import { PRIORITIES } from '../../../shared/domain/priority';
import { countByPriority, type QueueEntry } from '../../../shared/domain/queue';
import { PriorityBadge } from './PriorityBadge';

export function PriorityCounts({ entries }: { entries: readonly QueueEntry[] }) {
  const { t } = useTranslation();
  const counts = countByPriority(entries);
  return (
    <ul className="priority-counts" data-testid="priority-counts" aria-label={t('queue.counts')}>
      {PRIORITIES.map((p) => (
        <li key={p}>
          <PriorityBadge priority={p} /> <strong>{counts[p]}</strong>
        </li>
      ))}
    </ul>
  );
}
