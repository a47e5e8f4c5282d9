import { create } from 'zustand';
import type { RequestOf, ResponseOf } from '../../../shared/api/contract';
import type { ApiError } from '../../../shared/api/envelope';
import type { Call } from '../../../shared/domain/callState';
import { parseDialInput, type DialInput } from '../../../shared/domain/phone';
import { backend } from '../api/backend';
import { useCallStore } from './callStore';

export type DirectoryEntry = ResponseOf<'call:directory'>['entries'][number];
type DialTarget = RequestOf<'call:place'>['target'];

/** What the dial field refuses, said at the field (phone.dial.reason.*). */
export type DialRefusal = Extract<DialInput, { ok: false }>['reason'];

/** The call target a valid dial input stands for. */
export function dialTargetOf(input: Extract<DialInput, { ok: true }>): DialTarget {
  switch (input.kind) {
    case 'external':
      return { kind: 'external', number: input.e164 };
    case 'short':
      return { kind: 'short', number: input.number as Extract<DialTarget, { kind: 'short' }>['number'] };
    case 'extension':
      return { kind: 'extension', extension: input.extension };
  }
}

interface PhoneStore {
  /** The dial panel (free dial field + the directory IT configured). */
  dialOpen: boolean;
  /** The post's call history. */
  historyOpen: boolean;
  directory: DirectoryEntry[];
  history: Call[];
  setDialOpen(open: boolean): void;
  setHistoryOpen(open: boolean): void;
  loadDirectory(): Promise<void>;
  loadHistory(): Promise<void>;
  /**
   * Dials what was typed or chosen: null once the call is placed, else why not (a refusal at the
   * field, or the telephony's error).
   */
  dial(input: string): Promise<DialRefusal | ApiError | null>;
}

export const usePhoneStore = create<PhoneStore>((set, get) => ({
  dialOpen: false,
  historyOpen: false,
  directory: [],
  history: [],
  setDialOpen: (dialOpen) => set({ dialOpen, historyOpen: false }),
  setHistoryOpen: (historyOpen) => {
    set({ historyOpen, dialOpen: false });
    if (historyOpen) void get().loadHistory();
  },
  async loadDirectory() {
    const result = await backend.callDirectory({});
    if (result.ok) set({ directory: result.value.entries });
  },
  async loadHistory() {
    const result = await backend.callHistory({ limit: 100 });
    if (result.ok) set({ history: result.value.calls });
  },
  async dial(input) {
    const parsed = parseDialInput(input);
    if (!parsed.ok) return parsed.reason;
    await useCallStore.getState().place({ target: dialTargetOf(parsed) });
    const error = useCallStore.getState().error;
    if (error) return error;
    set({ dialOpen: false, historyOpen: false });
    return null;
  },
}));
