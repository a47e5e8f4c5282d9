import { create } from 'zustand';
import type { Language } from '../../../shared/i18n';
import { backend } from '../api/backend';

export const THEMES = ['dark', 'light', 'contrast'] as const;
export type Theme = (typeof THEMES)[number];

/** The main area: call taking, the regulator's workspace, the OSNP list, the callback list, accounts. */
export const VIEWS = ['calls', 'regulation', 'osnp', 'callbacks', 'admin', 'hubProblems', 'indicators', 'floor'] as const;
export type View = (typeof VIEWS)[number];

interface UiState {
  view: View;
  diagnosticsOpen: boolean;
  /** "Réglages du poste": SIP password, registration, Hub pass phrase, language. */
  settingsOpen: boolean;
  setSettingsOpen(open: boolean): void;
  /** The dossier whose report is shown, if any. */
  reportFor: string | null;
  /** The dossier whose pharmacies on duty are shown, if any. */
  pharmacyFor: string | null;
  /** The dossier whose free GP slots are searched, if any. */
  slotsFor: string | null;
  setView(view: View): void;
  setDiagnosticsOpen(open: boolean): void;
  setReportFor(dossierId: string | null): void;
  /** The dossier whose "Partager avec…" panel is open, if any. */
  shareFor: string | null;
  setShareFor(dossierId: string | null): void;
  setPharmacyFor(dossierId: string | null): void;
  setSlotsFor(dossierId: string | null): void;
  /** The practitioners' directory (RPPS pack). */
  practitionersOpen: boolean;
  setPractitionersOpen(open: boolean): void;
  /** The manual location form of the address section (a place no index knows), open or not. */
  manualLocationOpen: boolean;
  setManualLocationOpen(open: boolean): void;
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
  /** The operator's choice: applied now and kept by the services for the next start. */
  chooseLanguage(language: Language): void;
  setPaletteOpen(open: boolean): void;
  setHelpOpen(open: boolean): void;
  setSearchOpen(open: boolean): void;
}

export const useUiStore = create<UiState>((set, get) => ({
  view: 'calls',
  diagnosticsOpen: false,
  settingsOpen: false,
  setSettingsOpen: (settingsOpen) => set({ settingsOpen, paletteOpen: false, helpOpen: false, searchOpen: false }),
  reportFor: null,
  pharmacyFor: null,
  slotsFor: null,
  setView: (view) => set({ view }),
  setDiagnosticsOpen: (diagnosticsOpen) => set({ diagnosticsOpen, paletteOpen: false, helpOpen: false }),
  setReportFor: (reportFor) => set({ reportFor, paletteOpen: false, helpOpen: false }),
  shareFor: null,
  setShareFor: (shareFor) => set({ shareFor, paletteOpen: false, helpOpen: false }),
  setSlotsFor: (slotsFor) => set({ slotsFor, paletteOpen: false, helpOpen: false, searchOpen: false }),
  setPharmacyFor: (pharmacyFor) => set({ pharmacyFor, paletteOpen: false, helpOpen: false, searchOpen: false }),
  practitionersOpen: false,
  setPractitionersOpen: (practitionersOpen) => set({ practitionersOpen, paletteOpen: false, helpOpen: false, searchOpen: false }),
  manualLocationOpen: false,
  setManualLocationOpen: (manualLocationOpen) => set({ manualLocationOpen, paletteOpen: false, helpOpen: false }),
  theme: 'dark',
  language: 'fr',
  paletteOpen: false,
  helpOpen: false,
  searchOpen: false,
  trayOpen: false,
  setTheme: (theme) => set({ theme }),
  cycleTheme: () => set({ theme: THEMES[(THEMES.indexOf(get().theme) + 1) % THEMES.length]! }),
  setLanguage: (language) => set({ language }),
  chooseLanguage: (language) => {
    set({ language });
    void backend.setLanguage({ language });
  },
  // One overlay at a time: opening one closes the others.
  setPaletteOpen: (paletteOpen) => set({ paletteOpen, helpOpen: false, searchOpen: false, trayOpen: false }),
  setHelpOpen: (helpOpen) => set({ helpOpen, paletteOpen: false, searchOpen: false, trayOpen: false }),
  setSearchOpen: (searchOpen) => set({ searchOpen, paletteOpen: false, helpOpen: false, trayOpen: false }),
  setTrayOpen: (trayOpen) => set({ trayOpen, paletteOpen: false, helpOpen: false, searchOpen: false }),
}));
