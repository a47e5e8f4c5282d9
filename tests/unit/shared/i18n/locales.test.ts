import { describe, expect, it } from 'vitest';
import { en } from '../../../../shared/i18n/en';
import { fr } from '../../../../shared/i18n/fr';
import { flattenKeys } from '../../../../shared/i18n';
import { ERROR_CODES } from '../../../../shared/api/errors';

const leaf = (tree: object, key: string) => key.split('.').reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], tree);

describe('locales', () => {
  it('English has exactly the French keys', () => {
    expect(flattenKeys(en).sort()).toEqual(flattenKeys(fr).sort());
  });

  it('no translation is empty, and placeholders match between languages', () => {
    for (const key of flattenKeys(fr)) {
      const f = leaf(fr, key) as string;
      const e = leaf(en, key) as string;
      expect(f.trim(), key).not.toBe('');
      expect(e.trim(), key).not.toBe('');
      const vars = (s: string) => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
      expect(vars(e), key).toEqual(vars(f));
    }
  });

  it('every API error code has a message', () => {
    for (const code of ERROR_CODES) expect(Object.keys(fr.errors)).toContain(code);
  });
});
