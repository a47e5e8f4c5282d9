import { describe, expect, it } from 'vitest';
import { officialCodes, officialLabel } from '../../../../shared/domain/codes';
import { DECISION_WORDS, decisionCodes, decisionInWords, decisionVocabulary } from '../../../../shared/domain/decisionWords';

describe('decisions in words', () => {
  it('says the standard decisions as the room says them, in French and in English', () => {
    const fr = DECISION_WORDS.fr;
    const en = DECISION_WORDS.en;
    expect(decisionInWords({ type: 'ORIENT', orientationType: 'CABINET' }, fr)).toBe('Orientation cabinet de ville');
    expect(decisionInWords({ type: 'ORIENT', orientationType: 'CABINET' }, en)).toBe('Referral to a GP practice');
    expect(decisionInWords({ type: 'INTER', resourceType: 'SMUR' }, fr)).toBe('Intervention — Smur');
    expect(decisionInWords({ type: 'INTER', resourceType: 'SMUR' }, en)).toBe('Intervention — Mobile ICU (SMUR)');
    expect(decisionInWords({ type: 'CONSEIL', orientationType: null, resourceType: null }, fr)).toBe('Conseil médical');
    expect(decisionInWords({ type: 'PASPLUS' }, en)).toBe('No further action');
    // A type without its detail still reads as a word, never as the code.
    expect(decisionInWords({ type: 'ORIENT', orientationType: null }, fr)).toBe('Orientation');
    expect(decisionInWords({ type: 'INTER' }, fr)).toBe('Intervention');
  });

  it('keeps the codes for the suffix, type then detail then care level', () => {
    expect(decisionCodes({ type: 'ORIENT', orientationType: 'CABINET', careLevel: 'R3' })).toBe('ORIENT CABINET R3');
    expect(decisionCodes({ type: 'INTER', resourceType: 'SMUR', orientationType: null, careLevel: 'R1' })).toBe('INTER SMUR R1');
    expect(decisionCodes({ type: 'CONSEIL', careLevel: 'R4' })).toBe('CONSEIL R4');
  });

  it('has a word for every official code in both languages, never a code, a "#" or an empty string', () => {
    for (const words of [DECISION_WORDS.fr, DECISION_WORDS.en]) {
      const all = [
        ...officialCodes('typeDecision').map((c) => [c, words.type[c]] as const),
        ...officialCodes('typeOrientation').map((c) => [c, words.orientation[c]] as const),
        ...officialCodes('typeRessource').map((c) => [c, words.resource[c]] as const),
      ];
      for (const [code, word] of all) {
        expect(word.trim(), code).not.toBe('');
        expect(word, code).not.toContain('#');
        // Acronyms the room speaks (Smur, SMUR inside words) are fine; the bare code is not.
        if (code.length > 4) expect(word, code).not.toBe(code);
      }
    }
  });

  it('French resource words follow the official labels (case and spelling aside)', () => {
    const fold = (s: string) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]/g, '');
    for (const code of ['SMUR', 'HOSPIT', 'LIBERAL.MG', 'LIBERAL.PHARM', 'SIS', 'FDO.PN', 'AUTRE.DAE'] as const) {
      expect(fold(DECISION_WORDS.fr.resource[code]), code).toBe(fold(officialLabel('typeRessource', code)!));
    }
  });

  it('picks the vocabulary of the screen language, French for the rest', () => {
    expect(decisionVocabulary('en')).toBe(DECISION_WORDS.en);
    expect(decisionVocabulary('en-GB')).toBe(DECISION_WORDS.en);
    expect(decisionVocabulary('fr')).toBe(DECISION_WORDS.fr);
    expect(decisionVocabulary('de')).toBe(DECISION_WORDS.fr);
  });
});
