import { memo, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Priority } from '../../../shared/domain/priority';
import { DEFAULT_QUEUE_LIMITS_MINUTES, isOverdue, type QueueEntry } from '../../../shared/domain/queue';
import { useDraftStore } from '../stores/draftStore';
import { formatWaiting } from '../format/formatWaiting';
import { translate } from '../i18n';
import { startClock, useClockStore } from '../stores/clockStore';
import { useQueueStore } from '../stores/queueStore';
import { useStatusStore } from '../stores/statusStore';
import { PriorityBadge } from './PriorityBadge';
import { PriorityCounts } from './PriorityCounts';
import { FOCUS, focusDossier } from '../focus/focusTargets';

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

const QueueRow = memo(function QueueRow({ entry, limits }: { entry: QueueEntry; limits: Record<Priority, number> }) {
  const { t } = useTranslation();
  // Only the rows whose "selected" flips re-render when the selection moves.
  const selected = useQueueStore((s) => s.selectedId === entry.id);
  return (
    <li id={`queue-row-${entry.id}`} className={`queue-row${selected ? ' selected' : ''}`} data-testid="queue-row" role="option" aria-selected={selected}>
      <PriorityBadge priority={entry.priority} />
      <span className="queue-number" title={entry.localNumber}>{entry.localNumber}</span>
      <span className="queue-phone">{entry.callerPhone ?? t('queue.hiddenNumber')}</span>
      <span className="queue-motive" title={entry.motive}>{entry.motive}</span>
      <abbr className="queue-branch" title={translate(t, `queues.${entry.queue ?? 'notRouted'}`)}>
        {translate(t, `queuesShort.${entry.queue ?? 'notRouted'}`)}
      </abbr>
      <WaitingTime entry={entry} limits={limits} label={t('queue.waiting')} />
    </li>
  );
});

/** All branches or one, already sorted by the services (priority, then waiting time). */
export function QueueList({ entries, onTake }: { entries: readonly QueueEntry[]; onTake?: (dossierId: string) => void }) {
  const { t } = useTranslation();
  const view = useQueueStore((s) => s.view);
  const selectedId = useQueueStore((s) => s.selectedId);
  const limits = useStatusStore((s) => s.workstation?.queueLimitsMinutes) ?? DEFAULT_QUEUE_LIMITS_MINUTES;
  // In a room, the other desks' latest dossiers may not be here while the site is away.
  const siteAway = useStatusStore((s) => s.site?.configured === true && s.site.state !== 'online');
  // A desk joining the room has the open dossiers first; the rest of the room's log follows.
  const joining = useStatusStore((s) => s.site?.join != null);
  useEffect(() => startClock(), []);
  // ↓ ↑ Début Fin move the cursor; Entrée takes the dossier (regulators) or opens it (ARM).
  const onKeyDown = (e: React.KeyboardEvent) => {
    const queue = useQueueStore.getState();
    if (e.key === 'ArrowDown' || e.key === 'ArrowUp') queue.moveSelection(e.key === 'ArrowDown' ? 1 : -1);
    else if (e.key === 'Home' || e.key === 'End') queue.selectEdge(e.key === 'Home' ? 'first' : 'last');
    else if (e.key === 'Enter' && selectedId && onTake) onTake(selectedId);
    else if (e.key === 'Enter' && selectedId) void useDraftStore.getState().openExisting(selectedId).then((opened) => opened && focusDossier());
    else return;
    e.preventDefault();
  };
  return (
    <section className="queue" aria-labelledby="queue-title">
      <h2 id="queue-title">
        {t('queue.title', { view: translate(t, `queues.${view ?? 'all'}`) })}
        {siteAway && <span className="queue-incomplete" data-testid="queue-incomplete"> — {t('queue.mayBeIncomplete')}</span>}
        {!siteAway && joining && <span className="queue-incomplete" data-testid="queue-incomplete"> — {t('queue.mayBeIncompleteJoining')}</span>}
      </h2>
      <PriorityCounts entries={entries} />
      <ol
        id={FOCUS.queue}
        className="queue-list"
        data-testid="queue-list"
        tabIndex={0}
        role="listbox"
        aria-labelledby="queue-title"
        aria-describedby="queue-hint"
        aria-activedescendant={selectedId && entries.some((e) => e.id === selectedId) ? `queue-row-${selectedId}` : undefined}
        onKeyDown={onKeyDown}
      >
        {entries.length === 0 && <li className="queue-empty">{t('queue.empty')}</li>}
        {entries.map((entry) => (
          <QueueRow key={entry.id} entry={entry} limits={limits} />
        ))}
      </ol>
      <p id="queue-hint" className="field-hint">
        {t('queue.openHint')}
      </p>
    </section>
  );
}
