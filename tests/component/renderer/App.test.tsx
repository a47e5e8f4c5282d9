import { act, cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PlateauApi, ResponseOf } from '../../../shared/api/contract';
import type { QueueEntry } from '../../../shared/domain/queue';
import { closedDraft } from '../../../shared/domain/dossierDraft';
import { App } from '../../../renderer/src/App';
import { initI18n } from '../../../renderer/src/i18n';
import { useDraftStore } from '../../../renderer/src/stores/draftStore';
import { useClockStore } from '../../../renderer/src/stores/clockStore';
import { useQueueStore } from '../../../renderer/src/stores/queueStore';
import { useUiStore } from '../../../renderer/src/stores/uiStore';
import { useSessionStore } from '../../../renderer/src/stores/sessionStore';

const ARM_SESSION = { operator: { id: '0190a000-0000-7000-8000-0000000000aa', login: 'arm', displayName: 'Arm Démo', role: 'ARM' as const, rpps: null, active: true }, openedAt: '2026-11-23T10:00:00.000Z', locked: false };
let sessionNow: typeof ARM_SESSION | null;

/**
 * The whole screen with the services faked: what is checked is the keyboard wiring (registry ->
 * global shortcuts -> palette, help, form, themes) and the queue's refresh on pushed events.
 */
const entry = (n: number, priority: QueueEntry['priority']): QueueEntry => ({
  id: `0190a000-0000-7000-8000-00000000000${n}`,
  localNumber: `DRFR15690263270000${n}`,
  priority,
  createdAt: new Date(Date.now() - 65_000).toISOString(),
  callerPhone: '+33612345678',
  motive: `motif ${n}`,
  state: 'ACTIF',
  queue: null,
});

let queue: QueueEntry[];
let changed: (() => void) | null;
const hubStatus: ResponseOf<'hub:status'> = { configured: true, clientId: 'fr.health.samu690', connected: true, since: '2026-03-02T08:00:00.000Z', lastError: null, waiting: 0, oldestWaitingAt: null, notRouted: 0, failed: 0, expired: 0, rejectedInbound: 0, fault: null, room: null };
let hubChanged: ((status: ResponseOf<'hub:status'>) => void) | null = null;
const unsubscribeHub = vi.fn();
const unsubscribe = vi.fn();

function fakeServices(): PlateauApi {
  return {
    listQueue: vi.fn(async () => ({ ok: true, value: { entries: queue } })),
    journalStatus: async () => ({ ok: true, value: { path: '/j', events: 3, lastSeq: 3, chainValid: true, brokenAt: null, problem: null, chainComplete: true, pendingOutbox: 2, pendingOutboxCap: 10000 } }),
    workstationInfo: async () => ({
      ok: true,
      value: { siteCode: '690', siteName: 'Lyon', departement: '69', workstationId: 'ARM-01', timeZone: 'Europe/Paris', queueLimitsMinutes: { P0: 1, P1: 5, P2: 30, P3: 120, NR: 240 } },
    }),
    callerHistory: async () => ({ ok: true, value: { byPhone: [], byPatient: [] } }),
    authStatus: async () => ({ ok: true, value: { session: sessionNow } }),
    login: vi.fn(async ({ login, password }: { login: string; password: string }) => {
      if (login !== 'arm' || password !== 'plateau-arm') return { ok: false, error: { code: 'E_BAD_CREDENTIALS', message: 'wrong' } };
      sessionNow = ARM_SESSION;
      return { ok: true, value: { session: ARM_SESSION } };
    }),
    onCallbackChanged: () => () => undefined,
    onDossiersChanged: () => () => undefined,
    onDossierChanged: (listener: () => void) => {
      changed = listener;
      return unsubscribe;
    },
    hubStatus: async () => ({ ok: true, value: hubStatus }),
    onHubStatus: (listener: (status: ResponseOf<'hub:status'>) => void) => {
      hubChanged = listener;
      return unsubscribeHub;
    },
  } as unknown as PlateauApi;
}

const press = (code: string, modifiers: { ctrlKey?: boolean; altKey?: boolean } = {}) => {
  const target = document.activeElement ?? document.body;
  const event = new KeyboardEvent('keydown', { code, bubbles: true, cancelable: true, ...modifiers });
  act(() => void target.dispatchEvent(event));
  return event;
};

describe('App keyboard wiring', () => {
  beforeAll(() => initI18n('fr'));
  beforeEach(() => {
    // Sorted as the services answer (priority first): the renderer shows them in that order.
    queue = [entry(2, 'P0'), entry(1, 'P2')];
    changed = null;
    unsubscribe.mockClear();
    Object.defineProperty(window, 'plateau', { configurable: true, value: fakeServices() });
    useDraftStore.setState({ draft: closedDraft });
    useQueueStore.setState({ entries: [], view: null });
    useUiStore.setState({ theme: 'dark', language: 'fr', paletteOpen: false, helpOpen: false, view: 'calls' });
    sessionNow = ARM_SESSION;
    useSessionStore.setState({ session: ARM_SESSION, error: null });
  });
  afterEach(cleanup);

  it('Ctrl+K opens the palette (browser default prevented); Enter runs "Nouveau dossier"; the phone field gets focus', async () => {
    render(<App />);
    expect(screen.queryByRole('dialog')).toBeNull();
    const event = press('KeyK', { ctrlKey: true });
    expect(event.defaultPrevented).toBe(true);
    const search = screen.getByLabelText('Rechercher une commande');
    expect(document.activeElement).toBe(search);
    fireEvent.change(search, { target: { value: 'nouveau dos' } });
    fireEvent.keyDown(search, { key: 'Enter' });
    expect(screen.queryByRole('dialog')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Téléphone de l’appelant')));
    expect(screen.getByTestId('dossier-form')).toBeTruthy();
  });

  it('F2 opens the form on the phone field; Alt+1 sets P1 while typing; Escape from the palette returns to the field', async () => {
    render(<App />);
    expect(press('F2').defaultPrevented).toBe(true);
    const phone = await screen.findByLabelText('Téléphone de l’appelant');
    await waitFor(() => expect(document.activeElement).toBe(phone));
    expect(press('Digit1', { altKey: true }).defaultPrevented).toBe(true);
    const group = screen.getByRole('radiogroup', { name: 'Priorité' });
    expect(within(group).getByRole('radio', { checked: true }).getAttribute('aria-label')).toBe('P1 — Prioritaire');
    press('KeyK', { ctrlKey: true });
    fireEvent.keyDown(screen.getByLabelText('Rechercher une commande'), { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(document.activeElement).toBe(phone);
  });

  it('F1 lists the shortcuts of the registry, and F1 again closes it', () => {
    render(<App />);
    expect(press('F1').defaultPrevented).toBe(true);
    const help = screen.getByRole('dialog', { name: 'Raccourcis clavier' });
    const keys = [...help.querySelectorAll('kbd')].map((k) => k.textContent);
    for (const shortcut of ['F2', 'Ctrl+S', 'Alt+0', 'Alt+1', 'Alt+2', 'Alt+3', 'Alt+9', 'Alt+Q', 'Ctrl+K', 'F1', 'Alt+T']) expect(keys).toContain(shortcut);
    press('F1');
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('Alt+T cycles dark -> light -> high contrast on <html data-theme>', () => {
    render(<App />);
    expect(document.documentElement.dataset.theme).toBe('dark');
    press('KeyT', { altKey: true });
    expect(document.documentElement.dataset.theme).toBe('light');
    press('KeyT', { altKey: true });
    expect(document.documentElement.dataset.theme).toBe('contrast');
    press('KeyT', { altKey: true });
    expect(document.documentElement.dataset.theme).toBe('dark');
  });

  it('loads the queue at start, reloads it when a dossier changes, and unsubscribes on unmount', async () => {
    const view = render(<App />);
    await waitFor(() => expect(screen.getAllByTestId('queue-row')).toHaveLength(2));
    const firstRow = screen.getAllByTestId('queue-row')[0]!;
    expect(firstRow.textContent).toContain('DRFR156902632700002');
    expect(firstRow.querySelector('[role="img"]')?.getAttribute('aria-label')).toBe('P0 — Urgence vitale');
    // The waiting cell follows the shared clock (ticked every second by startClock).
    const created = Date.parse(queue[0]!.createdAt);
    act(() => useClockStore.setState({ now: created + 65_000 }));
    expect(within(firstRow).getByLabelText('Attente').textContent).toBe('01:05');
    act(() => useClockStore.setState({ now: created + 66_000 }));
    expect(within(firstRow).getByLabelText('Attente').textContent).toBe('01:06');
    expect(screen.getByTestId('journal-status').textContent).toMatch(/chaîne vérifiée.*2 message/);
    queue = [...queue, entry(3, 'P1')];
    await act(async () => changed?.());
    await waitFor(() => expect(screen.getAllByTestId('queue-row')).toHaveLength(3));
    const counts = screen.getByTestId('priority-counts');
    expect([...counts.querySelectorAll('li')].map((li) => li.textContent?.replace(/\s+/g, ''))).toEqual(['P01', 'P11', 'P21', 'P30', 'NR0']);
    press('KeyQ', { altKey: true });
    await waitFor(() => expect(document.activeElement).toBe(screen.getByTestId('queue-list')));
    view.unmount();
    expect(unsubscribe).toHaveBeenCalledOnce();
  });

  it('shows only the sign-in form when nobody is signed in; a wrong password says so; the right one opens the app', async () => {
    sessionNow = null;
    useSessionStore.setState({ session: null });
    render(<App />);
    expect(screen.getByTestId('login-screen')).toBeTruthy();
    expect(screen.queryByTestId('queue-list')).toBeNull();
    await waitFor(() => expect(document.activeElement).toBe(screen.getByLabelText('Identifiant')));
    fireEvent.change(screen.getByLabelText('Identifiant'), { target: { value: 'arm' } });
    fireEvent.change(screen.getByLabelText('Mot de passe'), { target: { value: 'faux' } });
    fireEvent.submit(screen.getByLabelText('Mot de passe'));
    expect((await screen.findByTestId('login-error')).textContent).toBe('Identifiant ou mot de passe incorrect');
    fireEvent.change(screen.getByLabelText('Mot de passe'), { target: { value: 'plateau-arm' } });
    fireEvent.submit(screen.getByLabelText('Mot de passe'));
    await waitFor(() => expect(screen.getByTestId('queue-list')).toBeTruthy());
    expect(screen.getByTestId('operator').textContent).toContain('Arm Démo — ARM');
  });

  it('on a fresh install (no account at all) the sign-in screen says how the first admin is created', async () => {
    sessionNow = null;
    useSessionStore.setState({ session: null, hasOperators: true });
    const api = fakeServices() as unknown as Record<string, unknown>;
    Object.defineProperty(window, 'plateau', { configurable: true, value: { ...api, authStatus: async () => ({ ok: true, value: { session: null, hasOperators: false } }) } });
    render(<App />);
    expect((await screen.findByTestId('first-start')).textContent).toContain('npm run operator:add');
  });

  it('shows the Hub Santé link in the top bar and follows the pushed status: disconnected since when, how many wait and since when', async () => {
    unsubscribeHub.mockClear();
    const { unmount } = render(<App />);
    await waitFor(() => expect(screen.getByTestId('hub-status').textContent).toBe('Hub Santé : connecté'));
    act(() => hubChanged?.({ ...hubStatus, connected: false, since: '2026-03-02T09:15:00.000Z', waiting: 12, oldestWaitingAt: '2026-03-02T09:14:00.000Z', failed: 1 }));
    const banner = screen.getByTestId('hub-status');
    expect(banner.textContent).toBe('Hub Santé : déconnecté depuis 10:15:00 · 12 message(s) en attente, le plus ancien de 10:14:00 · 1 message(s) non délivré(s)');
    expect(banner.className).toContain('bad');
    unmount();
    expect(unsubscribeHub).toHaveBeenCalledTimes(1);
  });
});
