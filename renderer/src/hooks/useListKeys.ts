import { useState } from 'react';

/**
 * The keyboard of a list under a text field (palette, dossier search): ↓ ↑ move the cursor,
 * Enter chooses, Escape closes. Typing elsewhere is left to the field.
 */
export function useListKeys(length: number, handlers: { choose: (index: number) => void; close: () => void }) {
  const [active, setActive] = useState(0);
  const current = Math.min(active, Math.max(0, length - 1));
  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.key === 'Escape') {
      event.preventDefault();
      handlers.close();
    } else if (event.key === 'ArrowDown') {
      event.preventDefault();
      setActive(Math.min(current + 1, length - 1));
    } else if (event.key === 'ArrowUp') {
      event.preventDefault();
      setActive(Math.max(current - 1, 0));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      if (length > 0) handlers.choose(current);
    }
  };
  return { active: current, reset: () => setActive(0), onKeyDown };
}
