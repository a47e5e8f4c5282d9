import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The journal is a boundary: SQLite is opened, and statements run, only under
 * electron/services/journal/ and electron/services/reference/. The ESLint rule that enforces it
 * is tested case by case with the other layer rules (layerRules.test.ts); this scan reads the
 * product tree itself, so a file ESLint would skip cannot slip through either.
 */
describe('journal boundary (issue 11)', () => {
  const SQL_TEXT = /from 'better-sqlite3'|require\('better-sqlite3'\)|\.prepare(<[^>]*>)?\(|\.transaction\(|\.pragma\(|\bjournal\.db\b|ctx\.db\b/;

  it('the tree scan recognises SQL access (negative control)', () => {
    expect(SQL_TEXT.test("import Database from 'better-sqlite3';")).toBe(true);
    expect(SQL_TEXT.test('deps.journal.db.prepare<[], { n: number }>(`SELECT 1`)')).toBe(true);
    expect(SQL_TEXT.test('this.options.db.transaction(() => {})();')).toBe(true);
    expect(SQL_TEXT.test('const m = /^a=(x)$/.exec(line);')).toBe(false);
  });

  it('no product file outside the journal and the reference store imports better-sqlite3 or prepares a statement', () => {
    const root = join(process.cwd(), 'electron');
    const files = (readdirSync(root, { recursive: true }) as string[]).filter((f) => /\.(ts|tsx|js|mjs)$/.test(f)).map((f) => join(root, f));
    expect(files.length).toBeGreaterThan(50);
    const owners = [join(root, 'services', 'journal'), join(root, 'services', 'reference')];
    const offenders = files
      .filter((file) => !owners.some((owner) => file.startsWith(owner + '/')))
      .filter((file) => SQL_TEXT.test(readFileSync(file, 'utf8')))
      .map((file) => relative(process.cwd(), file));
    expect(offenders).toEqual([]);
  });
});
