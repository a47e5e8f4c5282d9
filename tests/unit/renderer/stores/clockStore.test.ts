import { afterEach, describe, expect, it, vi } from 'vitest';
import { startClock, useClockStore } from '../../../../renderer/src/stores/clockStore';

describe('clock store', () => {
  afterEach(() => vi.useRealTimers());

  it('ticks every second while started, and stops when its last user leaves', () => {
    vi.useFakeTimers({ now: 1_000_000 });
    const stop = startClock();
    vi.advanceTimersByTime(1000);
    expect(useClockStore.getState().now).toBe(1_001_000);
    vi.advanceTimersByTime(2000);
    expect(useClockStore.getState().now).toBe(1_003_000);
    stop();
    vi.advanceTimersByTime(5000);
    expect(useClockStore.getState().now).toBe(1_003_000);
  });
});
