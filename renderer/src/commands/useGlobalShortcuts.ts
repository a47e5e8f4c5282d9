import { useEffect } from 'react';
import type { Command } from './command';
import { matchesShortcut } from './shortcut';

function isTypingTarget(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName));
}

/** One keydown listener for the whole window, driven by the registry. */
export function useGlobalShortcuts(commands: readonly Command[]): void {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.repeat && event.code !== 'ArrowDown' && event.code !== 'ArrowUp') return;
      const command = commands.find((c) => c.shortcut && matchesShortcut(event, c.shortcut));
      if (!command) return;
      if (isTypingTarget(event.target) && !command.inFields) return;
      // Browser defaults (save page, help, reload) must not fire under a regulator's hands.
      event.preventDefault();
      // A command that is off here leaves the key to the element's own handler (the dossier
      // report answers Ctrl+P itself while the indicators' print command is off).
      if (!(command.enabled?.() ?? true)) return;
      event.stopPropagation();
      command.run();
    };
    window.addEventListener('keydown', onKeyDown, true);
    return () => window.removeEventListener('keydown', onKeyDown, true);
  }, [commands]);
}
