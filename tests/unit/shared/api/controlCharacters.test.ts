import { describe, expect, it } from 'vitest';
import { controlCharacterProblem, findControlCharacter, replaceControls, withoutControls } from '../../../../shared/api/controlCharacters';

describe('control characters in text', () => {
  it('finds a NUL or another C0 control at its path, in strings and keys, however deep', () => {
    expect(findControlCharacter({ dossierId: 'x', text: 'douleur\u0000thoracique' })).toEqual({ path: 'text', codePoint: 'U+0000' });
    expect(findControlCharacter({ patient: { names: ['Durand', 'Pa\u0007ul'] } })).toEqual({ path: 'patient.names.1', codePoint: 'U+0007' });
    expect(findControlCharacter({ ['k\u001b']: 1 })).toEqual({ path: 'k\uFFFD', codePoint: 'U+001B' });
    expect(findControlCharacter('\u000b')).toEqual({ path: '', codePoint: 'U+000B' });
  });

  it('finds half of a surrogate pair (an emoji cut in two), never a whole one', () => {
    const emoji = '🚑';
    expect(findControlCharacter({ text: `ambulance ${emoji}` })).toBeNull();
    expect(findControlCharacter({ text: `ambulance ${emoji.slice(0, 1)}` })).toEqual({ path: 'text', codePoint: 'U+D83D' });
    expect(findControlCharacter({ text: `${emoji.slice(1)} fin` })).toEqual({ path: 'text', codePoint: 'U+DE91' });
    expect(withoutControls(`a${emoji.slice(0, 1)}b${emoji}`)).toBe(`a\uFFFDb${emoji}`);
  });

  it('takes tab, line feed and carriage return as text, and anything not a string as it is', () => {
    expect(findControlCharacter({ text: 'ligne 1\r\nligne 2\tcolonne', n: 3, ok: true, none: null, list: [1, 'é', '\u007f'] })).toBeNull();
    expect(findControlCharacter(undefined)).toBeNull();
  });

  it('says where and what in words, and shows the character without writing it', () => {
    expect(controlCharacterProblem({ path: 'text', codePoint: 'U+0000' })).toMatch(/^text: invisible character U\+0000 refused/);
    expect(withoutControls('a\u0000b\tc\nd')).toBe('a\uFFFDb\tc\nd');
  });

  it('replaces them in every string and key of a value, leaving the rest as it was', () => {
    const value = { note: 'douleur\u0000thoracique', ['k\u001b']: ['ok', 'ambulance \uD83D', 3, null, true], nested: { text: 'ligne 1\nligne 2\t!' } };
    expect(replaceControls(value)).toEqual({ note: 'douleur\uFFFDthoracique', ['k\uFFFD']: ['ok', 'ambulance \uFFFD', 3, null, true], nested: { text: 'ligne 1\nligne 2\t!' } });
    expect(findControlCharacter(replaceControls(value))).toBeNull();
    expect(replaceControls('🚑')).toBe('🚑');
  });
});
