import { describe, expect, it } from 'vitest';
import { parsePractitionerQuery, prefixEnd } from '../../../../shared/domain/practitionerQuery';

describe('practitioner query', () => {
  it('reads an RPPS number (spaces allowed) or an ADELI number as an identifier', () => {
    expect(parsePractitionerQuery('10000000016')).toEqual({ kind: 'id', id: '10000000016' });
    expect(parsePractitionerQuery('100 000 000 16')).toEqual({ kind: 'id', id: '10000000016' });
    expect(parsePractitionerQuery('69123456a')).toEqual({ kind: 'id', id: '69123456A' });
  });

  it('reads words as a folded name or commune prefix, with every name/commune cut in both orders', () => {
    expect(parsePractitionerQuery('Lefèvre')).toEqual({ kind: 'words', key: 'LEFEVRE', splits: [] });
    expect(parsePractitionerQuery('martin  brussieu')).toEqual({ kind: 'words', key: 'MARTIN BRUSSIEU', splits: [{ name: 'MARTIN', city: 'BRUSSIEU' }, { name: 'BRUSSIEU', city: 'MARTIN' }] });
    expect(parsePractitionerQuery('de la tour lyon')?.kind).toBe('words');
    const parsed = parsePractitionerQuery('de la tour lyon');
    expect(parsed?.kind === 'words' && parsed.splits).toContainEqual({ name: 'DE LA TOUR', city: 'LYON' });
  });

  it('refuses what is too short to search', () => {
    expect(parsePractitionerQuery(' a ')).toBeNull();
    expect(parsePractitionerQuery("'-")).toBeNull();
  });

  it('bounds a prefix range above every folded key that starts with it', () => {
    expect('MARTIN ZOE' < prefixEnd('MARTIN')).toBe(true);
    expect('MARTINEZ' < prefixEnd('MARTIN')).toBe(true);
    expect('MARTIO' > prefixEnd('MARTIN')).toBe(true);
  });
});
