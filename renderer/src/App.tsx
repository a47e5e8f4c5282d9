import { useShallow } from 'zustand/react/shallow';
import { useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { alertsDesk } from '../../shared/domain/queueEscalation';
import { isPhysician } from '../../shared/domain/roles';
import { backend } from './api/backend';
import { commandSets } from './commands/appCommands';
import { useGlobalShortcuts } from './commands/useGlobalShortcuts';
import { CallbackList } from './components/CallbackList';
import { CallPanel } from './components/CallPanel';
import { CommandPalette } from './components/CommandPalette';
import { DiagnosticsPanel } from './components/DiagnosticsPanel';
import { DossierForm } from './components/DossierForm';
import { HelpOverlay } from './components/HelpOverlay';
import { LoginScreen } from './components/LoginScreen';
import { ConfigSources } from './components/ConfigSources';
import { OperatorAdmin } from './components/OperatorAdmin';
import { OsnpList } from './components/OsnpList';
import { IndicatorScreen } from './components/IndicatorScreen';
import { FloorView } from './components/FloorView';
import { HubProblems } from './components/HubProblems';
import { QueueList } from './components/QueueList';
import { SearchOverlay } from './components/SearchOverlay';
import { DraftTray } from './components/DraftTray';
import { RegulationWorkspace } from './components/RegulationWorkspace';
import { ReportOverlay } from './components/ReportOverlay';
import { ShareOverlay } from './components/ShareOverlay';
import { PharmacyPanel } from './components/PharmacyPanel';
import { SlotPanel } from './components/SlotPanel';
import { PractitionerPanel } from './components/PractitionerPanel';
import { TopBar } from './components/TopBar';
import { WorkstationSettings } from './components/WorkstationSettings';
import { WaitAlerts } from './components/WaitAlerts';
import { useWaitAlertStore } from './stores/waitAlertStore';
import { useIdleLock } from './hooks/useIdleLock';
import { useQuitGuard } from './hooks/useQuitGuard';
import { useCallbackStore } from './stores/callbackStore';
import { useOsnpStore } from './stores/osnpStore';
import { connectMediaBridge } from './media/mediaBridge';
import { connectCallStore, useCallStore } from './stores/callStore';
import { usePhoneStore } from './stores/phoneStore';
import { DialOverlay } from './components/DialOverlay';
import { CallHistoryOverlay } from './components/CallHistoryOverlay';
import { P0ReasonPrompt } from './components/P0ReasonPrompt';
import { useQueueStore } from './stores/queueStore';
import { useStatusStore } from './stores/statusStore';
import { useRegulationStore } from './stores/regulationStore';
import { isSignedIn, useSessionStore } from './stores/sessionStore';
import { useUiStore, type View } from './stores/uiStore';
import { ensureFocus, FOCUS, focusById } from './focus/focusTargets';
import { useUpdateStore } from './stores/updateStore';
import { useOperatorNamesStore } from './stores/operatorNamesStore';

/** Where each role starts after signing in. */
const HOME: Record<string, View> = { ARM: 'calls', OSNP: 'osnp', MRU: 'regulation', MRL: 'regulation', SUPERVISEUR: 'callbacks', ADMIN: 'admin' };

export function App() {
  const { i18n } = useTranslation();
  const regulators = useCallStore((s) => s.regulators);
  const speakers = useCallStore((s) => s.speakers);
  const directory = usePhoneStore((s) => s.directory);
  const sets = useMemo(() => commandSets(i18n, regulators, speakers, directory), [i18n, regulators, speakers, directory]);
  const { dialOpen, historyOpen } = usePhoneStore(useShallow((s) => ({ dialOpen: s.dialOpen, historyOpen: s.historyOpen })));
  const p0Prompt = useCallStore((s) => s.p0Prompt);
  const commands = useMemo(() => Object.values(sets).flat(), [sets]);
  useGlobalShortcuts(commands);
  useIdleLock();
  useQuitGuard();

  const entries = useQueueStore((s) => s.entries);
  const session = useSessionStore((s) => s.session);
  const signedIn = isSignedIn(session);
  const operatorId = signedIn ? session.operator.id : null;
  const { theme, language, paletteOpen, helpOpen, searchOpen, trayOpen, setPaletteOpen, setHelpOpen, setSearchOpen, setTrayOpen, view, diagnosticsOpen, setDiagnosticsOpen, settingsOpen, setSettingsOpen, reportFor, setReportFor, shareFor, setShareFor, pharmacyFor, setPharmacyFor, slotsFor, setSlotsFor, practitionersOpen, setPractitionersOpen } = useUiStore();

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
  useEffect(() => {
    void i18n.changeLanguage(language);
    document.documentElement.lang = language;
  }, [i18n, language]);

  useEffect(() => {
    void useSessionStore.getState().load();
    // Media answers are needed even on the lock screen (a far end may re-INVITE a call on hold).
    const offMedia = connectMediaBridge();
    void useStatusStore.getState().load();
    // The language the post starts in: the operators' last choice here, else the configured one.
    void backend.workstationInfo().then((info) => {
      if (info.ok && info.value.language) useUiStore.getState().setLanguage(info.value.language);
    });
    const offUnauthenticated = backend.onUnauthenticated(() => void useSessionStore.getState().load());
    return () => {
      offMedia();
      offUnauthenticated();
    };
  }, []);

  // A new operator: their home view (an unlock by the same operator goes back where they were).
  const lastOperator = useRef<string | null>(null);
  const lastRole = useRef<string | null>(null);
  useEffect(() => {
    if (!operatorId) return;
    if (lastOperator.current !== operatorId) {
      const role = useSessionStore.getState().session?.operator.role ?? 'ARM';
      useUiStore.getState().setView(HOME[role] ?? 'calls');
    lastRole.current = role;
      // What the previous operator had open is not theirs.
      useUiStore.setState({ settingsOpen: false });
      useRegulationStore.setState({ dossier: null, history: [], error: null, saved: null, decisionType: 'CONSEIL' });
      useOsnpStore.setState({ selected: null, saved: null, error: null });
      lastOperator.current = operatorId;
    }
    void useStatusStore.getState().load();
    // Signed in (or unlocked): the hands land on the view's working element, not on the page.
    ensureFocus(() => useUiStore.getState().view);
    void useOperatorNamesStore.getState().load();
    // IT's account sees no medical data: nothing more to load (the services would refuse it anyway).
    if (lastRole.current === 'ADMIN') return;
    void useQueueStore.getState().load();
    const offCalls = connectCallStore();
    void usePhoneStore.getState().loadDirectory();
    const offCallbacks = backend.onCallbackChanged(() => {
      if (useUiStore.getState().view === 'callbacks') void useCallbackStore.getState().load();
    });
    const dossiersChanged = () => {
      void useQueueStore.getState().load();
      void useStatusStore.getState().load();
      void useRegulationStore.getState().refresh();
      if (useUiStore.getState().view === 'osnp') void useOsnpStore.getState().load();
      if (useUiStore.getState().view === 'callbacks') void useCallbackStore.getState().load();
    };
    const offDossier = backend.onDossierChanged(dossiersChanged);
    // A catch-up page: once for the whole page.
    const offManyDossiers = backend.onDossiersChanged(dossiersChanged);
    const offDossiers = () => {
      offDossier();
      offManyDossiers();
    };
    const offHub = backend.onHubStatus((hub) => useStatusStore.getState().setHub(hub));
    const offSite = backend.onSiteStatus((site) => useStatusStore.getState().setSite(site));
    // Waiting too long (journaled by the services' tick): heard and seen at the desks of that branch and on the floor.
    const offWaits = backend.onQueueEscalated((alert) => {
      const role = useSessionStore.getState().session?.operator.role;
      if (role && alertsDesk(role, alert.queue)) useWaitAlertStore.getState().raise(alert);
    });
    return () => {
      offWaits();
      useWaitAlertStore.getState().acknowledge();
      offCalls();
      offCallbacks();
      offDossiers();
      offHub();
      offSite();
    };
  }, [operatorId]);

  // Every signed-in operator sees a waiting update (ADMIN included), pushed as it changes.
  useEffect(() => {
    if (!operatorId) return;
    void useUpdateStore.getState().load();
    return backend.onUpdateStatus((status) => useUpdateStore.getState().set(status));
  }, [operatorId]);

  const physician = signedIn && isPhysician(session.operator.role);
  const takeChosen = (dossierId: string) =>
    void useRegulationStore
      .getState()
      .take({ dossierId })
      .then(() => {
        useUiStore.getState().setView('regulation');
        focusById(FOCUS.regulationNote);
      });

  if (session === undefined) return null;
  if (!signedIn) return <LoginScreen />;
  if (session.operator.role === 'ADMIN') {
    return (
      <div className="app">
        <TopBar />
        <main className="workspace">
          <OperatorAdmin />
          <ConfigSources />
        </main>
        {paletteOpen && <CommandPalette commands={commands} onClose={() => setPaletteOpen(false)} />}
        {diagnosticsOpen && <DiagnosticsPanel onClose={() => setDiagnosticsOpen(false)} />}
        {settingsOpen && <WorkstationSettings onClose={() => setSettingsOpen(false)} />}
        {helpOpen && <HelpOverlay groups={sets} onClose={() => setHelpOpen(false)} />}
      </div>
    );
  }

  return (
    <div className="app">
      <TopBar />
      <CallPanel />
      <WaitAlerts />
      <main className="workspace">
        <QueueList entries={entries} onTake={physician ? takeChosen : undefined} />
        <section className="dossier" aria-label="dossier">
          {view === 'calls' && <DossierForm />}
          {view === 'regulation' && <RegulationWorkspace />}
          {view === 'osnp' && <OsnpList />}
          {view === 'callbacks' && <CallbackList />}
          {view === 'hubProblems' && <HubProblems />}
          {view === 'indicators' && <IndicatorScreen />}
          {view === 'floor' && <FloorView />}
        </section>
      </main>
      {paletteOpen && <CommandPalette commands={commands} onClose={() => setPaletteOpen(false)} />}
      {helpOpen && <HelpOverlay groups={sets} onClose={() => setHelpOpen(false)} />}
      {searchOpen && <SearchOverlay onClose={() => setSearchOpen(false)} />}
      {trayOpen && <DraftTray onClose={() => setTrayOpen(false)} />}
      {diagnosticsOpen && <DiagnosticsPanel onClose={() => setDiagnosticsOpen(false)} />}
      {settingsOpen && <WorkstationSettings onClose={() => setSettingsOpen(false)} />}
      {reportFor && <ReportOverlay dossierId={reportFor} onClose={() => setReportFor(null)} />}
      {dialOpen && <DialOverlay onClose={() => usePhoneStore.getState().setDialOpen(false)} />}
      {historyOpen && <CallHistoryOverlay onClose={() => usePhoneStore.getState().setHistoryOpen(false)} />}
      {p0Prompt && <P0ReasonPrompt prompt={p0Prompt} />}
      {shareFor && <ShareOverlay dossierId={shareFor} onClose={() => setShareFor(null)} />}
      {pharmacyFor && <PharmacyPanel dossierId={pharmacyFor} onClose={() => setPharmacyFor(null)} />}
      {slotsFor && <SlotPanel dossierId={slotsFor} onClose={() => setSlotsFor(null)} />}
      {practitionersOpen && <PractitionerPanel onClose={() => setPractitionersOpen(false)} />}
    </div>
  );
}
