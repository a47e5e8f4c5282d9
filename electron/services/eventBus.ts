import type { EventChannel, EventOf } from '../../shared/api/contract';
import { eventContract } from '../../shared/api/contract';

type Listener = (channel: EventChannel, payload: unknown) => void;

/**
 * Events pushed to the renderer. Each payload is validated against the contract before it
 * leaves, so the IPC and WebSocket transports only forward what the contract allows.
 */
export class EventBus {
  private readonly listeners = new Set<Listener>();

  emit<E extends EventChannel>(channel: E, payload: EventOf<E>): void {
    const checked = eventContract[channel].parse(payload);
    for (const listener of this.listeners) {
      try {
        listener(channel, checked);
      } catch (error) {
        // A broken transport must never undo or block a committed command.
        console.error(`[events] listener failed on ${channel}:`, error);
      }
    }
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
