import { describe, expect, it } from 'vitest';
import { dollarQuoted } from '../../../../../../electron/services/site/store/siteAppendSql';

/** Reads a dollar-quoted literal the way PostgreSQL's lexer does: the tag, then everything up to the tag's next occurrence. */
function unquote(literal: string): string {
  const tag = /^\$[A-Za-z0-9_]*\$/.exec(literal)![0];
  const end = literal.indexOf(tag, tag.length);
  expect(end + tag.length).toBe(literal.length);
  return literal.slice(tag.length, end);
}

describe('dollarQuoted', () => {
  it.each([
    ['plain', '{"a":1}'],
    ['quotes and backslashes', `it's a \\"quoted\\" \\\\ text`],
    ['the default tag inside', 'before $v$ after'],
    ['ending half a tag', 'ends with $v'],
    ['several tags inside', '$v$ $v1$ $v2$v'],
    ['empty', ''],
  ])('gives back exactly the text: %s', (_what, text) => {
    expect(unquote(dollarQuoted(text))).toBe(text);
  });
});
