import { useTranslation } from 'react-i18next';
import { DEFAULT_QUEUE_LIMITS_MINUTES, isOverdue, type QueueEntry } from '../../../shared/domain/queue';
import { translate } from '../i18n';
import { useQueueStore, useStatusStore } from '../stores/queueStore';
import { FOCUS } from '../commands/appCommands';
import { formatWaiting, useNow } from '../hooks/useNow';
import { PriorityBadge } from './PriorityBadge';
import { PriorityCounts } from './PriorityCounts';

/** All branches, already sorted by the services (priority, then waiting time). */
export function QueueList({ entries }: { entries: readonly QueueEntry[] }) {
  const { t } = useTranslation();
  const now = useNow(1000);
  const view = useQueueStore((s) => s.view);
  const limits = useStatusStore((s) => s.workstation?.queueLimitsMinutes ?? DEFAULT_QUEUE_LIMITS_MINUTES);
  return (
    <section className="queue" aria-labelledby="queue-title">
      <h2 id="queue-title">{t('queue.title', { view: translate(t, `queues.${view ?? 'all'}`) })}</h2>
      <PriorityCounts entries={entries} />
      <ol id={FOCUS.queue} className="queue-list" data-testid="queue-list" tabIndex={0} aria-labelledby="queue-title">
        {entries.length === 0 && <li className="queue-empty">{t('queue.empty')}</li>}
        {entries.map((entry) => (
          <li key={entry.id} className={`queue-row${isOverdue(entry, now, limits) ? ' overdue' : ''}`} data-testid="queue-row" data-overdue={isOverdue(entry, now, limits) || undefined}>
            <PriorityBadge priority={entry.priority} />
            <span className="queue-number">{entry.localNumber}</span>
            <span className="queue-phone">{entry.callerPhone ?? t('queue.hiddenNumber')}</span>
            <span className="queue-motive">{entry.motive}</span>
            <span className="queue-branch">{translate(t, `queues.${entry.queue ?? 'notRouted'}`)}</span>
            <span className="queue-wait" aria-label={t('queue.waiting')}>
              {formatWaiting(now - Date.parse(entry.createdAt))}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
