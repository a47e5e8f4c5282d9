import { create } from 'zustand';

/** One clock for every live timer on screen: a single interval, however many dossiers wait. */
export const useClockStore = create<{ now: number }>(() => ({ now: Date.now() }));

let timer: ReturnType<typeof setInterval> | null = null;
export function startClock(): () => void {
  timer ??= setInterval(() => useClockStore.setState({ now: Date.now() }), 1000);
  return () => {
    if (timer) clearInterval(timer);
    timer = null;
  };
}
