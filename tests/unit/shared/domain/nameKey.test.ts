import { describe, expect, it } from 'vitest';
import { nameKey } from '../../../../shared/domain/nameKey';

describe('nameKey', () => {
  it('folds accents, case, spaces, hyphens and apostrophes, on the ASCII fast path and off it', () => {
    expect(nameKey('Lefèvre')).toBe('LEFEVRE');
    expect(nameKey(' lefevre ')).toBe('LEFEVRE');
    expect(nameKey("D'ARC-Saint  Jean")).toBe('D ARC SAINT JEAN');
    expect(nameKey('Hélène-Marie')).toBe('HELENE MARIE');
    expect(nameKey('Œuvray')).toBe(nameKey('Œuvray'.normalize('NFD')));
    expect(nameKey('')).toBe('');
  });
});
