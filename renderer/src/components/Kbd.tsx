import type { Shortcut } from '../commands/shortcut';
import { formatShortcut } from '../commands/shortcut';

/** The visible hint of a shortcut, next to what it does. */
export function Kbd({ shortcut }: { shortcut: Shortcut | undefined }) {
  if (!shortcut) return null;
  return <kbd className="kbd">{formatShortcut(shortcut)}</kbd>;
}
