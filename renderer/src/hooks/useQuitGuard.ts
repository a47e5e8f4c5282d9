import { useEffect } from 'react';
import { isLive } from '../../../shared/domain/callState';
import { hasUnsavedWork } from '../../../shared/domain/dossierDraft';
import { useCallStore } from '../stores/callStore';
import { useDraftStore } from '../stores/draftStore';

/** A dossier typed and not saved (the one on screen, or one in the drafts tray), or a call up. */
export function workAtStake(): boolean {
  const { draft, tray } = useDraftStore.getState();
  return hasUnsavedWork(draft) || tray.some((t) => hasUnsavedWork(t.draft)) || useCallStore.getState().list.calls.some(isLive);
}

/**
 * The page refuses to unload while work is at stake: Electron's main then asks the operator
 * (quitGuard.ts), a browser shows its own "leave the page?" question.
 */
export function useQuitGuard(): void {
  useEffect(() => {
    const refuse = (event: BeforeUnloadEvent) => {
      if (!workAtStake()) return;
      event.preventDefault();
      // Older engines read returnValue rather than the cancelled event.
      event.returnValue = '';
    };
    window.addEventListener('beforeunload', refuse);
    return () => window.removeEventListener('beforeunload', refuse);
  }, []);
}
