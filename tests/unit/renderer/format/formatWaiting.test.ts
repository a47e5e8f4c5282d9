import { describe, expect, it } from 'vitest';
import { formatWaiting } from '../../../../renderer/src/format/formatWaiting';

describe('formatWaiting', () => {
  it.each([
    [0, '00:00'],
    [59_999, '00:59'],
    [61_000, '01:01'],
    [3_600_000, '1:00:00'],
    [-5_000, '00:00'],
  ])('%i ms → %s', (ms, text) => expect(formatWaiting(ms)).toBe(text));
});
