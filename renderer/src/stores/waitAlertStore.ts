import { create } from 'zustand';
import type { EventOf } from '../../../shared/api/contract';
import { beep } from '../media/beep';

export type WaitAlert = EventOf<'queue:escalated'>;

interface WaitAlertStore {
  alerts: WaitAlert[];
  /** A journaled escalation reached this desk: shown (newest first) and heard. */
  raise(alert: WaitAlert): void;
  /** The person has seen them: the banner goes, the journal keeps them. */
  acknowledge(): void;
}

export const useWaitAlertStore = create<WaitAlertStore>((set) => ({
  alerts: [],
  raise(alert) {
    set((s) => ({ alerts: [alert, ...s.alerts.filter((a) => a.seq !== alert.seq)].slice(0, 20) }));
    beep();
  },
  acknowledge() {
    set({ alerts: [] });
  },
}));
