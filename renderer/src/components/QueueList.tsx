import { useTranslation } from 'react-i18next';
import type { QueueEntry } from '../../../shared/domain/queue';
import { FOCUS } from '../commands/appCommands';
import { formatWaiting, useNow } from '../hooks/useNow';
import { PriorityBadge } from './PriorityBadge';
import { PriorityCounts } from './PriorityCounts';

/** All branches, already sorted by the services (priority, then waiting time). */
export function QueueList({ entries }: { entries: readonly QueueEntry[] }) {
  const { t } = useTranslation();
  const now = useNow(1000);
  return (
    <section className="queue" aria-labelledby="queue-title">
      <h2 id="queue-title">{t('queue.title')}</h2>
      <PriorityCounts entries={entries} />
      <ol id={FOCUS.queue} className="queue-list" data-testid="queue-list" tabIndex={0} aria-labelledby="queue-title">
        {entries.length === 0 && <li className="queue-empty">{t('queue.empty')}</li>}
        {entries.map((entry) => (
          <li key={entry.id} className="queue-row" data-testid="queue-row">
            <PriorityBadge priority={entry.priority} />
            <span className="queue-number">{entry.localNumber}</span>
            <span className="queue-phone">{entry.callerPhone ?? t('queue.hiddenNumber')}</span>
            <span className="queue-motive">{entry.motive}</span>
            <span className="queue-wait" aria-label={t('queue.waiting')}>
              {formatWaiting(now - Date.parse(entry.createdAt))}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}
