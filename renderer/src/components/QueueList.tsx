import { memo, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Priority } from '../../../shared/domain/priority';
import { DEFAULT_QUEUE_LIMITS_MINUTES, isOverdue, type QueueEntry } from '../../../shared/domain/queue';
import { FOCUS, focusDossier } from '../commands/appCommands';
import { useDraftStore } from '../stores/draftStore';
import { formatWaiting } from '../format/formatWaiting';
import { translate } from '../i18n';
import { startClock, useClockStore } from '../stores/clockStore';
import { useQueueStore, useStatusStore } from '../stores/queueStore';
import { PriorityBadge } from './PriorityBadge';
import { PriorityCounts } from './PriorityCounts';

/** Only this cell follows the clock: the rest of a row renders once per change of its dossier. */
function WaitingTime({ entry, limits, label }: { entry: QueueEntry; limits: Record<Priority, number>; label: string }) {
  const now = useClockStore((s) => s.now);
  const overdue = isOverdue(entry, now, limits);
  return (
    <span className={`queue-wait${overdue ? ' overdue' : ''}`} aria-label={label} data-overdue={overdue || undefined}>
      {formatWaiting(now - Date.parse(entry.createdAt))}
    </span>
  );
}

const QueueRow = memo(function QueueRow({ entry, limits, selected }: { entry: QueueEntry; limits: Record<Priority, number>; selected: boolean }) {
  const { t } = useTranslation();
  return (
    <li id={`queue-row-${entry.id}`} className={`queue-row${selected ? ' selected' : ''}`} data-testid="queue-row" role="option" aria-selected={selected}>
      <PriorityBadge priority={entry.priority} />
      <span className="queue-number">{entry.localNumber}</span>
      <span className="queue-phone">{entry.callerPhone ?? t('queue.hiddenNumber')}</span>
      <span className="queue-motive">{entry.motive}</span>
      <span className="queue-branch">{translate(t, `queues.${entry.queue ?? 'notRouted'}`)}</span>
      <WaitingTime entry={entry} limits={limits} label={t('queue.waiting')} />
    </li>
  );
});

/** All branches or one, already sorted by the services (priority, then waiting time). */
export function QueueList({ entries }: { entries: readonly QueueEntry[] }) {
  const { t } = useTranslation();
  const view = useQueueStore((s) => s.view);
  const limits = useStatusStore((s) => s.workstation?.queueLimitsMinutes) ?? DEFAULT_QUEUE_LIMITS_MINUTES;
  useEffect(() => startClock(), []);
  // The row under the keyboard cursor, by id so a refresh of the queue does not move it.
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const index = Math.max(0, entries.findIndex((e) => e.id === selectedId));
  const selected = entries[index] ?? null;
  const onKeyDown = (event: React.KeyboardEvent) => {
    const move = (to: number) => {
      event.preventDefault();
      const next = entries[Math.min(entries.length - 1, Math.max(0, to))];
      if (next) setSelectedId(next.id);
    };
    if (event.key === 'ArrowDown') move(index + 1);
    else if (event.key === 'ArrowUp') move(index - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(entries.length - 1);
    else if (event.key === 'Enter' && selected) {
      event.preventDefault();
      void useDraftStore.getState().openExisting(selected.id).then((opened) => opened && focusDossier());
    }
  };
  return (
    <section className="queue" aria-labelledby="queue-title">
      <h2 id="queue-title">{t('queue.title', { view: translate(t, `queues.${view ?? 'all'}`) })}</h2>
      <PriorityCounts entries={entries} />
      <ol
        id={FOCUS.queue}
        className="queue-list"
        data-testid="queue-list"
        tabIndex={0}
        role="listbox"
        aria-labelledby="queue-title"
        aria-describedby="queue-hint"
        aria-activedescendant={selected ? `queue-row-${selected.id}` : undefined}
        onKeyDown={onKeyDown}
      >
        {entries.length === 0 && <li className="queue-empty">{t('queue.empty')}</li>}
        {entries.map((entry) => (
          <QueueRow key={entry.id} entry={entry} limits={limits} selected={entry === selected} />
        ))}
      </ol>
      <p id="queue-hint" className="field-hint">
        {t('queue.openHint')}
      </p>
    </section>
  );
}
