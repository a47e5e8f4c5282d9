import { describe, expect, it } from 'vitest';
import { spacedPhone } from '../../../../renderer/src/format/spacedPhone';

describe('spacedPhone', () => {
  it('groups a ten-digit French number by two and leaves anything else alone', () => {
    expect(spacedPhone('0478451010')).toBe('04 78 45 10 10');
    expect(spacedPhone('+33478451010')).toBe('+33478451010');
    expect(spacedPhone('15')).toBe('15');
  });
});
