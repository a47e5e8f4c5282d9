import { useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { backend } from './api/backend';
import { appCommands } from './commands/appCommands';
import { useGlobalShortcuts } from './commands/useGlobalShortcuts';
import { CommandPalette } from './components/CommandPalette';
import { DossierForm } from './components/DossierForm';
import { HelpOverlay } from './components/HelpOverlay';
import { QueueList } from './components/QueueList';
import { TopBar } from './components/TopBar';
import { useQueueStore, useStatusStore } from './stores/queueStore';
import { useUiStore } from './stores/uiStore';

export function App() {
  const { i18n } = useTranslation();
  const commands = useMemo(() => appCommands(i18n), [i18n]);
  useGlobalShortcuts(commands);

  const entries = useQueueStore((s) => s.entries);
  const { theme, language, paletteOpen, helpOpen, setPaletteOpen, setHelpOpen } = useUiStore();

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  useEffect(() => {
    void i18n.changeLanguage(language);
    document.documentElement.lang = language;
  }, [i18n, language]);

  useEffect(() => {
    void useQueueStore.getState().load();
    void useStatusStore.getState().load();
    const offDossier = backend.onDossierChanged(() => {
      void useQueueStore.getState().load();
      void useStatusStore.getState().load();
    });
    const offHub = backend.onHubStatus((hub) => useStatusStore.getState().setHub(hub));
    return () => {
      offDossier();
      offHub();
    };
  }, []);

  return (
    <div className="app">
      <TopBar />
      <main className="workspace">
        <QueueList entries={entries} />
        <section className="dossier" aria-label="dossier">
          <DossierForm />
        </section>
      </main>
      {paletteOpen && <CommandPalette commands={commands} onClose={() => setPaletteOpen(false)} />}
      {helpOpen && <HelpOverlay commands={commands} onClose={() => setHelpOpen(false)} />}
    </div>
  );
}
