import { describe, expect, it } from 'vitest';
import { COMMON_LANGUAGES, foldText, rankCodes, rememberChoice } from '../../../../../shared/domain/codes/codeSearch';
import * as lists from '../../../../../shared/domain/codes/hubSanteCodes';

const codes = (entries: ReadonlyArray<{ code: string }>) => entries.map((e) => e.code);

describe('code search by words', () => {
  it('finds a motive by a word of its label, accents and case ignored', () => {
    const found = codes(rankCodes(lists.motif, 'douleur'));
    expect(found).toContain('M03.06');
    expect(found).toContain('M03.20');
    expect(codes(rankCodes(lists.motif, 'DOULEUR THORA'))[0]).toBe('M03.06');
    expect(codes(rankCodes(lists.motif, 'thoracique doul'))[0]).toBe('M03.06');
  });

  it('ignores accents both ways', () => {
    expect(foldText('Défibrillé Î')).toBe('defibrille i');
    expect(codes(rankCodes(lists.langue, 'francais'))[0]).toBe('fr');
    expect(codes(rankCodes(lists.langue, 'FRANÇ'))[0]).toBe('fr');
  });

  it('still finds by code, the exact code first, then codes starting with it', () => {
    expect(codes(rankCodes(lists.motif, 'M03.06'))[0]).toBe('M03.06');
    const prefixed = codes(rankCodes(lists.motif, 'm03'));
    expect(prefixed.length).toBeGreaterThan(2);
    expect(prefixed.every((c) => c.startsWith('M03'))).toBe(true);
    expect(codes(rankCodes(lists.typeAppelant, 'FAM'))[0]).toBe('FAMILLE');
  });

  it('finds nothing for words in no label nor code', () => {
    expect(rankCodes(lists.motif, 'zzqx')).toEqual([]);
  });

  it('puts recent choices first, then the common ones, then the official order', () => {
    expect(codes(rankCodes(lists.langue, '', { common: COMMON_LANGUAGES })).slice(0, 3)).toEqual(['fr', 'en', 'es']);
    expect(codes(rankCodes(lists.langue, '', { recent: ['ar'], common: COMMON_LANGUAGES })).slice(0, 3)).toEqual(['ar', 'fr', 'en']);
    // Without preferences the list keeps its official order ("aa — afar" first).
    expect(codes(rankCodes(lists.langue, ''))[0]).toBe('aa');
    // A better match still beats a recent one.
    expect(codes(rankCodes(lists.motif, 'douleur thoracique', { recent: ['M03.20'] }))[0]).toBe('M03.06');
    expect(codes(rankCodes(lists.motif, 'douleur', { recent: ['M03.22'] }))[0]).toBe('M03.22');
  });

  it('remembers a choice at the front, once, and keeps the list short', () => {
    expect(rememberChoice(['a', 'b', 'c'], 'b')).toEqual(['b', 'a', 'c']);
    expect(rememberChoice(['a', 'b'], 'z', 2)).toEqual(['z', 'a']);
  });
});
