import { describe, expect, it, vi } from 'vitest';
import { EventBus } from '../../../../electron/services/eventBus';

describe('EventBus', () => {
  it('delivers contract-valid events and stops after unsubscribe', () => {
    const bus = new EventBus();
    const seen: unknown[] = [];
    const unsubscribe = bus.subscribe((channel, payload) => seen.push([channel, payload]));
    const payload = { dossierId: '0190a000-0000-7000-8000-000000000001', seq: 3 };
    bus.emit('dossier:changed', payload);
    unsubscribe();
    bus.emit('dossier:changed', payload);
    expect(seen).toEqual([['dossier:changed', payload]]);
  });

  it('refuses to push an event outside the contract', () => {
    const bus = new EventBus();
    expect(() => bus.emit('dossier:changed', { dossierId: 'not-a-uuid', seq: 0 })).toThrow();
  });

  it('keeps delivering to other listeners when one throws', () => {
    const bus = new EventBus();
    const error = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const good = vi.fn();
    bus.subscribe(() => {
      throw new Error('broken transport');
    });
    bus.subscribe(good);
    bus.emit('dossier:changed', { dossierId: '0190a000-0000-7000-8000-000000000001', seq: 1 });
    expect(good).toHaveBeenCalledOnce();
    expect(error).toHaveBeenCalled();
    error.mockRestore();
  });
});
