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
  ];

  it.each(cases)('%s', async (_name, filePath, code, expected) => {
    const ids = await ruleIds(filePath, code);
    if (expected) expect(ids).toContain(expected);
    else expect(ids).toEqual([]);
  });
});
