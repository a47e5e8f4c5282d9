import { create } from 'zustand';
import type { Language } from '../../../shared/i18n';

export const THEMES = ['dark', 'light', 'contrast'] as const;
export type Theme = (typeof THEMES)[number];

/** The main area: call taking, the regulator's workspace, the OSNP list, the callback list, accounts. */
export const VIEWS = ['calls', 'regulation', 'osnp', 'callbacks', 'admin', 'hubProblems', 'indicators', 'floor'] as const;
export type View = (typeof VIEWS)[number];

interface UiState {
  view: View;
  diagnosticsOpen: boolean;
  /** The dossier whose report is shown, if any. */
  reportFor: string | null;
  setView(view: View): void;
  setDiagnosticsOpen(open: boolean): void;
  setReportFor(dossierId: string | null): void;
  /** The dossier whose "Partager avec…" panel is open, if any. */
  shareFor: string | null;
  setShareFor(dossierId: string | null): void;
  theme: Theme;
  language: Language;
  paletteOpen: boolean;
  helpOpen: boolean;
  searchOpen: boolean;
  /** The drafts tray (Maj+F2). */
  trayOpen: boolean;
  setTrayOpen(open: boolean): void;
  setTheme(theme: Theme): void;
  cycleTheme(): void;
  setLanguage(language: Language): void;
  setPaletteOpen(open: boolean): void;
  setHelpOpen(open: boolean): void;
  setSearchOpen(open: boolean): void;
}

export const useUiStore = create<UiState>((set, get) => ({
  view: 'calls',
  diagnosticsOpen: false,
  reportFor: null,
  setView: (view) => set({ view }),
  setDiagnosticsOpen: (diagnosticsOpen) => set({ diagnosticsOpen, paletteOpen: false, helpOpen: false }),
  setReportFor: (reportFor) => set({ reportFor, paletteOpen: false, helpOpen: false }),
  shareFor: null,
  setShareFor: (shareFor) => set({ shareFor, paletteOpen: false, helpOpen: false }),
  theme: 'dark',
  language: 'fr',
  paletteOpen: false,
  helpOpen: false,
  searchOpen: false,
  trayOpen: false,
  setTheme: (theme) => set({ theme }),
  cycleTheme: () => set({ theme: THEMES[(THEMES.indexOf(get().theme) + 1) % THEMES.length]! }),
  setLanguage: (language) => set({ language }),
  // One overlay at a time: opening one closes the others.
  setPaletteOpen: (paletteOpen) => set({ paletteOpen, helpOpen: false, searchOpen: false, trayOpen: false }),
  setHelpOpen: (helpOpen) => set({ helpOpen, paletteOpen: false, searchOpen: false, trayOpen: false }),
  setSearchOpen: (searchOpen) => set({ searchOpen, paletteOpen: false, helpOpen: false, trayOpen: false }),
  setTrayOpen: (trayOpen) => set({ trayOpen, paletteOpen: false, helpOpen: false, searchOpen: false }),
}));
