/**
 * A shortcut names a physical key (`KeyboardEvent.code`), so it works the same on AZERTY and
 * QWERTY keyboards: Alt+1 is the key marked 1/& on both.
 */
export interface Shortcut {
  code: string;
  ctrl?: boolean;
  alt?: boolean;
  shift?: boolean;
}

export function matchesShortcut(event: Pick<KeyboardEvent, 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>, shortcut: Shortcut): boolean {
  return (
    event.code === shortcut.code &&
    (event.ctrlKey || event.metaKey) === Boolean(shortcut.ctrl) &&
    event.altKey === Boolean(shortcut.alt) &&
    event.shiftKey === Boolean(shortcut.shift)
  );
}

export function formatShortcut(shortcut: Shortcut): string {
  const key = shortcut.code.replace(/^Key/, '').replace(/^Digit/, '');
  return [shortcut.ctrl && 'Ctrl', shortcut.alt && 'Alt', shortcut.shift && 'Maj', key].filter(Boolean).join('+');
}
