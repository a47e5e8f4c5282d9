import { useEffect } from 'react';
import { DEFAULT_AUTO_LOCK_MINUTES, idleExpired } from '../../../shared/domain/operator';
import { useStatusStore } from '../stores/statusStore';
import { isSignedIn, useSessionStore } from '../stores/sessionStore';

/**
 * Locks the workstation after the configured idle time without a key press. The services lock
 * an idle session by themselves too; this makes the screen follow at once, without waiting for
 * the next request to be refused.
 */
export function useIdleLock(): void {
  useEffect(() => {
    let last = Date.now();
    const activity = () => {
      last = Date.now();
    };
    window.addEventListener('keydown', activity, true);
    const timer = setInterval(() => {
      const minutes = useStatusStore.getState().workstation?.autoLockMinutes ?? DEFAULT_AUTO_LOCK_MINUTES;
      if (isSignedIn(useSessionStore.getState().session) && idleExpired(last, Date.now(), minutes)) void useSessionStore.getState().lock();
    }, 15_000);
    return () => {
      window.removeEventListener('keydown', activity, true);
      clearInterval(timer);
    };
  }, []);
}
