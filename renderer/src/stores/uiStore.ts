import { create } from 'zustand';
import type { Language } from '../../../shared/i18n';

export const THEMES = ['dark', 'light', 'contrast'] as const;
export type Theme = (typeof THEMES)[number];

interface UiState {
  theme: Theme;
  language: Language;
  paletteOpen: boolean;
  helpOpen: boolean;
  searchOpen: boolean;
  setTheme(theme: Theme): void;
  cycleTheme(): void;
  setLanguage(language: Language): void;
  setPaletteOpen(open: boolean): void;
  setHelpOpen(open: boolean): void;
  setSearchOpen(open: boolean): void;
}

export const useUiStore = create<UiState>((set, get) => ({
  theme: 'dark',
  language: 'fr',
  paletteOpen: false,
  helpOpen: false,
  searchOpen: false,
  setTheme: (theme) => set({ theme }),
  cycleTheme: () => set({ theme: THEMES[(THEMES.indexOf(get().theme) + 1) % THEMES.length]! }),
  setLanguage: (language) => set({ language }),
  // One overlay at a time: opening one closes the others.
  setPaletteOpen: (paletteOpen) => set({ paletteOpen, helpOpen: false, searchOpen: false }),
  setHelpOpen: (helpOpen) => set({ helpOpen, paletteOpen: false, searchOpen: false }),
  setSearchOpen: (searchOpen) => set({ searchOpen, paletteOpen: false, helpOpen: false }),
}));
