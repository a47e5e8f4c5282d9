import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

/**
 * The layer rules are only worth something if a violation fails lint: each case lints a
 * small source as if it lived in a given folder and expects the rule to fire (or not).
 */
const eslint = new ESLint({ cwd: process.cwd() });

async function ruleIds(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return result!.messages.map((m) => m.ruleId ?? m.message);
}

const SQL_IN_SERVICE = "export function f(db: { prepare(sql: string): unknown }) {\n  return db.prepare('SELECT 1');\n}\n";

describe('layer rules (ARCHITECTURE §5)', () => {
  const cases: Array<[string, string, string, string | null]> = [
    ['services importing electron', 'electron/services/journal/x.ts', "import { app } from 'electron';\nexport const a = app;\n", 'no-restricted-imports'],
    ['services importing main', 'electron/services/journal/x.ts', "import { bindIpc } from '../../main/ipc';\nexport const a = bindIpc;\n", 'import/no-restricted-paths'],
    ['shared importing node:fs', 'shared/domain/x.ts', "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n", 'no-restricted-imports'],
    ['shared importing services', 'shared/domain/x.ts', "import { Journal } from '../../electron/services/journal/journal';\nexport const a = Journal;\n", 'import/no-restricted-paths'],
    ['domain importing the contract', 'shared/domain/x.ts', "import { CHANNELS } from '../api/contract';\nexport const a = CHANNELS;\n", 'import/no-restricted-paths'],
    ['contract importing the domain (allowed)', 'shared/api/x.ts', "import { ROLES } from '../domain/roles';\nexport const a = ROLES;\n", null],
    ['renderer importing services', 'renderer/src/x.ts', "import { Journal } from '../../electron/services/journal/journal';\nexport const a = Journal;\n", 'import/no-restricted-paths'],
    ['renderer using window.plateau outside api/', 'renderer/src/components/x.ts', 'export const a = window.plateau;\n', 'no-restricted-properties'],
    ['preload importing the domain', 'electron/preload/x.ts', "import { PRIORITIES } from '../../shared/domain/priority';\nexport const a = PRIORITIES;\n", 'import/no-restricted-paths'],
    ['preload importing the contract (allowed)', 'electron/preload/x.ts', "import { METHODS } from '../../shared/api/contract';\nexport const a = METHODS;\n", null],
    ['renderer api using window.plateau (allowed)', 'renderer/src/api/x.ts', 'export const a = window.plateau;\n', null],
    ['a command importing a component', 'renderer/src/commands/x.ts', "import { OsnpList } from '../components/OsnpList';\nexport const a = OsnpList;\n", 'import/no-restricted-paths'],
    ['a component importing the command registry', 'renderer/src/components/X.tsx', "import { appCommands } from '../commands/appCommands';\nexport const a = appCommands;\n", 'import/no-restricted-paths'],
    ['the focus targets importing a component', 'renderer/src/focus/x.ts', "import { QueueList } from '../components/QueueList';\nexport const a = QueueList;\n", 'import/no-restricted-paths'],
    // QueueList imports focusTargets: a focusTargets importing QueueList back is a loop.
    ['a module loop in the renderer', 'renderer/src/focus/focusTargets.ts', "import { QueueList } from '../components/QueueList';\nexport const a = QueueList;\n", 'import/no-cycle'],
    ['a component importing the Command type (allowed)', 'renderer/src/components/X.tsx', "import type { Command } from '../commands/command';\nexport type A = Command;\n", null],
    ['a component importing the focus targets (allowed)', 'renderer/src/components/X.tsx', "import { FOCUS } from '../focus/focusTargets';\nexport const a = FOCUS;\n", null],
    ['services importing shared (allowed)', 'electron/services/x.ts', "import { PRIORITIES } from '../../shared/domain/priority';\nexport const a = PRIORITIES;\n", null],
    // The journal is a boundary (issue 11): SQLite only under services/journal/ and services/reference/.
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
});
