import { QUEUES, type QueueId } from '../../../shared/domain/routing';
import { useQueueStore } from '../stores/queueStore';
import type { Command } from './command';

/** The waiting queue: which branch it shows (all of them, or one). */
export function queueCommands(): Command[] {
  return ([null, ...Object.keys(QUEUES)] as Array<QueueId | null>).map(
    (queue): Command => ({
      id: `queue.view.${queue ?? 'all'}`,
      labelKey: 'commands.viewQueue',
      labelValueKeys: { queue: `queues.${queue ?? 'all'}` },
      run: () => useQueueStore.getState().setView(queue),
    }),
  );
}
