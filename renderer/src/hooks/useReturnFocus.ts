import { useEffect, useRef } from 'react';

/**
 * For overlays (palette, help): when one goes away, whichever way it was closed, focus goes back
 * to where the ARM was typing, so the next keystroke is not lost on <body> mid-call. Focus that
 * something else already took on purpose (a command moving to a field) is left alone.
 * Call it before the overlay's own focusing effect: effects run in order, so it remembers the
 * element focused before the overlay took focus. Remembered once, so StrictMode's second run of
 * the effect does not replace it with the overlay's own input.
 */
export function useReturnFocus(): void {
  const previous = useRef<Element | null>(null);
  useEffect(() => {
    previous.current ??= document.activeElement;
    return () => {
      const target = previous.current;
      const lost = document.activeElement === null || document.activeElement === document.body;
      if (lost && target instanceof HTMLElement && target.isConnected) target.focus();
    };
  }, []);
}
