import { useEffect, useRef, type ReactNode, type RefObject } from 'react';
import { useReturnFocus } from '../hooks/useReturnFocus';

/**
 * Every overlay's frame: an opaque panel no taller than the screen, its title and actions always
 * visible, its body scrolling on its own. The body takes focus first (unless `focusFirst` names
 * another element), so arrows and Page Up/Down scroll it; Échap closes, focus goes back where it was.
 */
export function OverlayPanel({
  title,
  titleId,
  testId,
  onClose,
  closeLabel,
  closeId,
  actions,
  wide,
  onKeyDown,
  focusFirst,
  children,
}: {
  title: string;
  titleId: string;
  testId?: string;
  onClose: () => void;
  closeLabel: string;
  closeId?: string;
  actions?: ReactNode;
  wide?: boolean;
  onKeyDown?: (e: React.KeyboardEvent) => void;
  /** The element to focus on opening instead of the body (a search field). */
  focusFirst?: RefObject<HTMLElement | null>;
  children: ReactNode;
}) {
  const body = useRef<HTMLDivElement>(null);
  useReturnFocus();
  useEffect(() => (focusFirst?.current ?? body.current)?.focus(), []);
  return (
    <div className="overlay">
      <div
        className={`overlay-panel${wide ? ' wide' : ''}`}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        data-testid={testId}
        onKeyDown={(e) => {
          if (e.key === 'Escape') {
            e.preventDefault();
            e.stopPropagation();
            onClose();
            return;
          }
          onKeyDown?.(e);
        }}
      >
        <div className="overlay-head">
          <h2 id={titleId}>{title}</h2>
          {actions}
          <button id={closeId} type="button" onClick={onClose}>
            {closeLabel}
          </button>
        </div>
        {/* A scroll region the keyboard can reach: focusable, named by the title. */}
        <div ref={body} className="overlay-body" tabIndex={0} role="region" aria-labelledby={titleId}>
          {children}
        </div>
      </div>
    </div>
  );
}
