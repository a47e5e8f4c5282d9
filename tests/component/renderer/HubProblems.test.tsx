import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PlateauApi } from '../../../shared/api/contract';
import { appCommands } from '../../../renderer/src/commands/appCommands';
import { HubProblems } from '../../../renderer/src/components/HubProblems';
import { initI18n } from '../../../renderer/src/i18n';
import { useStatusStore } from '../../../renderer/src/stores/statusStore';
import { useSessionStore } from '../../../renderer/src/stores/sessionStore';

const messages = [
  { id: 2, receivedAt: '2026-11-23T21:05:00.000Z', queue: 'message', senderId: 'fr.health.samu440', distributionId: 'fr.health.samu440_x', kind: 'RS-EDA', problem: 'payload: caseId required', errorCode: 300, excerpt: '{"distributionID":"fr.health.samu440_x"' },
  { id: 1, receivedAt: '2026-11-23T21:00:00.000Z', queue: 'message', senderId: null, distributionId: null, kind: null, problem: 'not JSON', errorCode: 102, excerpt: 'this is { not json' },
];
const hubInboxProblems = vi.fn(async () => ({ ok: true as const, value: { total: 7, messages } }));
const session = (role: 'SUPERVISEUR' | 'ARM') => ({ operator: { id: '0190a000-0000-7000-8000-0000000000aa', login: 'x', displayName: 'X', role, rpps: null, active: true }, openedAt: '2026-11-23T10:00:00.000Z', locked: false });

describe('refused Hub Santé messages (supervisor)', () => {
  beforeAll(() => initI18n('fr'));
  beforeEach(() => {
    hubInboxProblems.mockClear();
    Object.defineProperty(window, 'plateau', { configurable: true, value: { hubInboxProblems, onHubStatus: () => () => {} } as unknown as PlateauApi });
    useStatusStore.setState({ workstation: { siteCode: '690', siteName: 'SAMU 69', departement: '69', workstationId: 'p1', timeZone: 'Europe/Paris', queueLimitsMinutes: { P0: 0, P1: 3, P2: 20, P3: 60, NR: 30 }, autoLockMinutes: 10 }, journal: null });
  });
  afterEach(cleanup);

  it('shows time on the site clock, sender, code, problem; ↓ opens the next excerpt', async () => {
    render(<HubProblems />);
    await waitFor(() => expect(screen.getAllByTestId('hub-problem')).toHaveLength(2));
    const [first, second] = screen.getAllByTestId('hub-problem');
    expect(first!.textContent).toContain('23/11/2026 22:05');
    expect(first!.textContent).toContain('de fr.health.samu440');
    expect(first!.textContent).toContain('code 300');
    expect(first!.textContent).toContain('payload: caseId required');
    expect(second!.textContent).toContain('expéditeur inconnu');
    expect(screen.getByText('7 message(s) refusé(s), 2 affiché(s)')).toBeTruthy();
    expect(screen.getByTestId('hub-problem-excerpt').textContent).toContain('fr.health.samu440_x');
    fireEvent.keyDown(screen.getByRole('listbox'), { key: 'ArrowDown' });
    expect(screen.getByTestId('hub-problem-excerpt').textContent).toBe('this is { not json');
  });

  it('shows what the sender wrote with its control and bidi characters made visible, past a NUL', async () => {
    hubInboxProblems.mockResolvedValueOnce({
      ok: true as const,
      value: { total: 1, messages: [{ ...messages[0]!, senderId: 'fr.health.samu440\u0000\u202e', problem: 'senderID "fr.health.samu440\u0000\u202e" is not a Hub Santé client id', excerpt: '{"a":"x\u0000y\u202etxt.exe","b":"\u001b[31m"}' } as unknown as (typeof messages)[number]] },
    });
    render(<HubProblems />);
    await waitFor(() => expect(screen.getAllByTestId('hub-problem')).toHaveLength(1));
    const row = screen.getByTestId('hub-problem').textContent!;
    expect(row).toContain('de fr.health.samu440\u2400⟨U+202E⟩');
    expect(row.includes('\u0000') || row.includes('\u202e')).toBe(false);
    expect(screen.getByTestId('hub-problem-excerpt').textContent).toBe('{"a":"x\u2400y⟨U+202E⟩txt.exe","b":"\u241b[31m"}');
  });

  it('the command is offered to the supervisor only', async () => {
    const i18n = await initI18n('fr');
    const command = () => appCommands(i18n).find((c) => c.id === 'view.hubProblems')!;
    useSessionStore.setState({ session: session('SUPERVISEUR') });
    expect(command().enabled!()).toBe(true);
    useSessionStore.setState({ session: session('ARM') });
    expect(command().enabled!()).toBe(false);
  });
});

describe('INT_L01 command: the SAS platform search from the dossier', () => {
  it('is offered only with a configured platform and a dossier; opens the built link with window.open', async () => {
    const i18n = await initI18n('fr');
    const { useRegulationStore } = await import('../../../renderer/src/stores/regulationStore');
    const command = () => appCommands(i18n).find((c) => c.id === 'sas.search')!;
    useSessionStore.setState({ session: { ...session('ARM'), operator: { ...session('ARM').operator, role: 'MRL' as never } } });
    const workstation = { siteCode: '690', siteName: 'SAMU 69', departement: '69', workstationId: 'p1', timeZone: 'Europe/Paris', queueLimitsMinutes: { P0: 0, P1: 3, P2: 20, P3: 60, NR: 30 }, autoLockMinutes: 10 };
    useStatusStore.setState({ workstation: { ...workstation, sasSearch: null } });
    useRegulationStore.setState({ dossier: { id: 'd1', location: { label: 'x', houseNumber: '3', street: 'Rue Garibaldi', postcode: '69006', city: 'Lyon', inseeCode: '69386' } } as never });
    expect(command().enabled!()).toBe(false);
    useStatusStore.setState({ workstation: { ...workstation, sasSearch: { baseUrl: 'https://sas.sante.fr', origin: 'SAMU69' } } });
    expect(command().enabled!()).toBe(true);
    const open = vi.spyOn(window, 'open').mockReturnValue(null);
    command().run();
    expect(open).toHaveBeenCalledWith('https://sas.sante.fr/sas/recherche?origin=SAMU69&streetnumber=3&streetname=Rue%20Garibaldi&inseecode=69386&city=Lyon', '_blank', 'noopener');
    open.mockRestore();
    useRegulationStore.setState({ dossier: null });
  });
});
