import { cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Command } from '../../../../renderer/src/commands/command';
import { useGlobalShortcuts } from '../../../../renderer/src/commands/useGlobalShortcuts';

function Host({ commands, onOwnKey }: { commands: Command[]; onOwnKey: () => void }) {
  useGlobalShortcuts(commands);
  return <div data-testid="panel" tabIndex={-1} onKeyDown={(e) => e.code === 'KeyP' && e.ctrlKey && onOwnKey()} />;
}

const printCommand = (enabled: boolean, run: () => void): Command => ({
  id: 'test.print',
  labelKey: 'commands.report',
  shortcut: { code: 'KeyP', ctrl: true },
  inFields: true,
  enabled: () => enabled,
  run,
});

describe('global shortcuts', () => {
  afterEach(cleanup);

  it('an enabled command takes the key: it runs, the element under it never sees the key, the browser default is suppressed', () => {
    const run = vi.fn();
    const own = vi.fn();
    render(<Host commands={[printCommand(true, run)]} onOwnKey={own} />);
    const notPrevented = fireEvent.keyDown(screen.getByTestId('panel'), { code: 'KeyP', ctrlKey: true });
    expect(run).toHaveBeenCalledTimes(1);
    expect(own).not.toHaveBeenCalled();
    expect(notPrevented).toBe(false);
  });

  it('a command that is off leaves the key to the element (the report overlay prints with Ctrl+P), the browser default still suppressed', () => {
    const run = vi.fn();
    const own = vi.fn();
    render(<Host commands={[printCommand(false, run)]} onOwnKey={own} />);
    const notPrevented = fireEvent.keyDown(screen.getByTestId('panel'), { code: 'KeyP', ctrlKey: true });
    expect(run).not.toHaveBeenCalled();
    expect(own).toHaveBeenCalledTimes(1);
    expect(notPrevented).toBe(false);
  });
});
