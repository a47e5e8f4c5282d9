import { describe, expect, it } from 'vitest';
import { appCommands } from '../../../renderer/src/commands/appCommands';
import { formatShortcut } from '../../../renderer/src/commands/shortcut';
import { initI18n } from '../../../renderer/src/i18n';

describe('command registry', () => {
  it('gives each shortcut to one command only (two features must not fight over a key)', async () => {
    const commands = appCommands(await initI18n('fr'));
    const byKey = new Map<string, string[]>();
    for (const command of commands) {
      if (!command.shortcut) continue;
      const key = formatShortcut(command.shortcut);
      byKey.set(key, [...(byKey.get(key) ?? []), command.id]);
    }
    const clashes = [...byKey].filter(([, ids]) => ids.length > 1);
    expect(clashes).toEqual([]);
    // The registry is not empty: the check above could not pass vacuously.
    expect(byKey.size).toBeGreaterThan(20);
  });

  it('has a unique id per command', async () => {
    const ids = appCommands(await initI18n('fr')).map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
