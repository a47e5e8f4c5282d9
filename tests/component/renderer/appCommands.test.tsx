import { describe, expect, it } from 'vitest';
import { appCommands, commandSets } from '../../../renderer/src/commands/appCommands';
import { formatShortcut } from '../../../renderer/src/commands/shortcut';
import { initI18n } from '../../../renderer/src/i18n';

const regulators = [
  { extension: '201', label: 'Dr Martin' },
  { extension: '202', label: 'Dr Petit' },
];
const speakers = [{ deviceId: 'headset', label: 'Casque' }];

describe('command registry', () => {
  it('gives each shortcut to one command only (two features must not fight over a key)', async () => {
    const commands = appCommands(await initI18n('fr'), regulators, speakers);
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
    const ids = appCommands(await initI18n('fr'), regulators, speakers).map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('is made of the command sets, each giving commands, none lost or added on the way', async () => {
    const i18n = await initI18n('fr');
    const sets = commandSets(i18n, regulators, speakers);
    for (const [name, commands] of Object.entries(sets)) expect(commands.length, name).toBeGreaterThan(0);
    expect(appCommands(i18n, regulators, speakers).map((c) => c.id)).toEqual(Object.values(sets).flatMap((commands) => commands.map((c) => c.id)));
    // The extension plan and the audio outputs reach the call set.
    expect(sets.call!.map((c) => c.id)).toEqual(expect.arrayContaining(['call.transfer.regulator.201', 'call.transfer.regulator.202', 'audio.speaker.headset']));
  });
});

describe('a locked post', () => {
  it('offers none of the operator’s commands: its keys belong to the lock screen (Alt+C there is Pro Santé Connect)', async () => {
    const i18n = await initI18n('fr');
    const { useSessionStore } = await import('../../../renderer/src/stores/sessionStore');
    const { may, physician } = await import('../../../renderer/src/commands/commandContext');
    const operator = { id: '0190a0b0-0000-7000-8000-000000000001', login: 'mru', displayName: 'Dr Test', role: 'MRU' };
    useSessionStore.setState({ session: { operator, locked: false } as never });
    expect(may('slots:search')).toBe(true);
    expect(physician()).toBe(true);
    useSessionStore.setState({ session: { operator, locked: true } as never });
    expect(may('slots:search')).toBe(false);
    expect(may('indicators:report')).toBe(false);
    expect(physician()).toBe(false);
    const altC = appCommands(i18n, regulators, speakers).filter((c) => c.shortcut?.code === 'KeyC' && c.shortcut.alt && !c.shortcut.shift);
    expect(altC.length).toBeGreaterThan(0);
    expect(altC.every((c) => c.enabled?.() === false)).toBe(true);
  });
});
