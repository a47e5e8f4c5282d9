import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The journal is a boundary: SQLite is opened, and statements run, only under
 * electron/services/journal/ and electron/services/reference/. Each case lints a small source as
 * if it lived in a given folder; the negative controls prove the rule fires, the RegExp cases
 * that it does not flag what is not SQL.
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => m.ruleId ?? m.message);
}

const SQL_IN_SERVICE = "export function f(db: { prepare(sql: string): unknown }) {\n  return db.prepare('SELECT 1');\n}\n";

describe('journal boundary (issue 11)', () => {
  const cases: Array<[string, string, string, string | null]> = [
    ['a service importing better-sqlite3', 'electron/services/dossiers/x.ts', "import Database from 'better-sqlite3';\nexport const a = Database;\n", 'no-restricted-imports'],
    ['main importing better-sqlite3', 'electron/main/x.ts', "import Database from 'better-sqlite3';\nexport const a = Database;\n", 'no-restricted-imports'],
    ['a service preparing a statement', 'electron/services/hub/x.ts', SQL_IN_SERVICE, 'no-restricted-syntax'],
    ['a service opening a transaction', 'electron/services/hub/x.ts', 'export function f(journal: { db: { transaction(f: () => void): () => void } }) {\n  return journal.db.transaction(() => {});\n}\n', 'no-restricted-syntax'],
    ['a service setting a pragma', 'electron/services/x.ts', "export function f(db: { pragma(s: string): unknown }) {\n  return db.pragma('wal_checkpoint(TRUNCATE)');\n}\n", 'no-restricted-syntax'],
    ['a service running SQL through db.exec', 'electron/services/auth/x.ts', "export function f(db: { exec(s: string): void }) {\n  db.exec('DELETE FROM events');\n}\n", 'no-restricted-syntax'],
    ['a service running SQL through this.database.exec', 'electron/services/auth/x.ts', 'export class A {\n  constructor(private readonly database: { exec(s: string): void }, private readonly sql: string) {}\n  run() {\n    this.database.exec(this.sql);\n  }\n}\n', 'no-restricted-syntax'],
    ['any exec of a literal SQL text', 'electron/services/auth/x.ts', "export function f(store: { exec(s: string): void }) {\n  store.exec(`DROP TRIGGER events_no_update`);\n}\n", 'no-restricted-syntax'],
    ['a RegExp literal exec (allowed)', 'electron/services/telephony/x.ts', 'export const f = (line: string) => /^a=(sendrecv|inactive)$/.exec(line);\n', null],
    ['a named RegExp exec (allowed)', 'electron/services/telephony/x.ts', 'const TABLE = /table/;\nexport const f = (source: string) => TABLE.exec(source);\n', null],
    ['the journal preparing a statement (allowed)', 'electron/services/journal/queries/x.ts', SQL_IN_SERVICE, null],
    ['the journal importing better-sqlite3 (allowed)', 'electron/services/journal/x.ts', "import Database from 'better-sqlite3';\nexport const a = Database;\n", null],
    ['the reference store importing better-sqlite3 (allowed)', 'electron/services/reference/x.ts', "import Database from 'better-sqlite3';\nexport const a = Database;\n", null],
    ['the reference store preparing a statement (allowed)', 'electron/services/reference/x.ts', SQL_IN_SERVICE, null],
    ['the journal still may not import electron', 'electron/services/journal/x.ts', "import { app } from 'electron';\nexport const a = app;\n", 'no-restricted-imports'],
    ['enums stay forbidden under electron/', 'electron/services/x.ts', 'export enum E {\n  A,\n}\n', 'no-restricted-syntax'],
  ];

  it.each(cases)('%s', async (_name, filePath, code, expected) => {
    const ids = await ruleIds(filePath, code);
    if (expected) expect(ids).toContain(expected);
    else expect(ids).toEqual([]);
  });

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
