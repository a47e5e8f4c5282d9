import { cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PlateauApi, ResponseOf } from '../../../shared/api/contract';
import { closedDraft } from '../../../shared/domain/dossierDraft';
import type { Call } from '../../../shared/domain/callState';
import { appCommands } from '../../../renderer/src/commands/appCommands';
import { ConfigSources } from '../../../renderer/src/components/ConfigSources';
import { UpdateNotice } from '../../../renderer/src/components/UpdateNotice';
import { LoginScreen } from '../../../renderer/src/components/LoginScreen';
import { useStatusStore } from '../../../renderer/src/stores/statusStore';
import { initI18n } from '../../../renderer/src/i18n';
import i18next from 'i18next';
import { useCallStore } from '../../../renderer/src/stores/callStore';
import { useDraftStore } from '../../../renderer/src/stores/draftStore';
import { useSessionStore } from '../../../renderer/src/stores/sessionStore';
import { useUpdateStore } from '../../../renderer/src/stores/updateStore';

type Status = ResponseOf<'update:status'>;
const ready: Status = { state: 'ready', current: '1.0.0', available: '1.1.0', reason: null, detail: '/cache/Plateau-1.1.0.deb', checkedAt: '2026-12-05T21:00:00.000Z', canInstall: true };
const applyUpdate = vi.fn(async () => ({ ok: true as const, value: ready }));
const workstationConfig = vi.fn(async () => ({
  ok: true as const,
  value: {
    settings: [
      { key: 'siteCode', kind: 'machine' as const, origin: '/etc/plateau/workstation.json', value: '"690"' },
      { key: 'lockoutMinutes', kind: 'default' as const, origin: null, value: '15' },
    ],
    notices: [{ origin: '/home/arm/.config/Plateau/workstation.json', key: 'policy', message: 'policy: only the machine-wide file may set it; ignored' }],
    files: [{ kind: 'machine' as const, path: '/etc/plateau/workstation.json', used: true }],
  },
}));
const session = { operator: { id: '0190a000-0000-7000-8000-0000000000aa', login: 'arm', displayName: 'ARM', role: 'ARM' as const, rpps: null, active: true }, openedAt: '2026-12-05T10:00:00.000Z', locked: false };
const call = { id: 'c1', state: 'active', direction: 'inbound' } as unknown as Call;
const applyCommand = () => appCommands(i18next).find((c) => c.id === 'update.apply')!;

describe('an update on offer', () => {
  beforeAll(() => initI18n('fr'));
  beforeEach(() => {
    applyUpdate.mockClear();
    Object.defineProperty(window, 'plateau', { configurable: true, value: { applyUpdate, workstationConfig } as unknown as PlateauApi });
    useSessionStore.setState({ session });
    useUpdateStore.setState({ status: ready, error: null });
    useCallStore.setState({ list: { calls: [] } });
    useDraftStore.setState({ draft: closedDraft });
  });
  afterEach(cleanup);

  it('is shown with its shortcut and applied by the command (Ctrl+Maj+U, palette) at a quiet moment', async () => {
    render(<UpdateNotice />);
    expect(screen.getByTestId('update-status').textContent).toMatch(/Mise à jour 1\.1\.0 prête · appliquer Ctrl\+Maj\+U/);
    const command = applyCommand();
    expect(command.shortcut).toEqual({ code: 'KeyU', ctrl: true, shift: true });
    expect(command.enabled!()).toBe(true);
    command.run();
    await waitFor(() => expect(applyUpdate).toHaveBeenCalledWith({ unsavedWork: false }));
  });

  it('waits while a call is up or a dossier is unsaved: the command is off', () => {
    useCallStore.setState({ list: { calls: [call] } });
    render(<UpdateNotice />);
    expect(screen.getByTestId('update-status').textContent).toContain('elle attend la fin de l’appel');
    expect(applyCommand().enabled!()).toBe(false);
    cleanup();
    useCallStore.setState({ list: { calls: [] } });
    useDraftStore.setState({ draft: { ...closedDraft, open: true, motive: 'douleur thoracique' } });
    render(<UpdateNotice />);
    expect(screen.getByTestId('update-status').textContent).toContain('elle attend l’enregistrement du dossier');
    expect(applyCommand().enabled!()).toBe(false);
  });

  it('in the browser harness it is offered for the next start only; a refusal says why', () => {
    useUpdateStore.setState({ status: { ...ready, canInstall: false } });
    render(<UpdateNotice />);
    expect(screen.getByTestId('update-status').textContent).toContain('appliquée au prochain démarrage');
    expect(applyCommand().enabled!()).toBe(false);
    cleanup();
    useUpdateStore.setState({ status: { ...ready, state: 'refused', available: null, reason: 'tampered', detail: 'Plateau-1.1.0.deb: SHA-512 differs' } });
    render(<UpdateNotice />);
    expect(screen.getByTestId('update-status').textContent).toBe('Mise à jour refusée : installateur altéré (empreinte SHA-512 différente)');
  });

  it("ADMIN: the configuration's settings with their source, and what was refused", async () => {
    render(<ConfigSources />);
    await waitFor(() => expect(screen.getByTestId('config-siteCode').textContent).toContain('fichier machine (informatique)'));
    expect(screen.getByTestId('config-siteCode').textContent).toContain('/etc/plateau/workstation.json');
    expect(screen.getByTestId('config-lockoutMinutes').textContent).toContain('valeur par défaut');
    expect(screen.getByTestId('config-refused').textContent).toContain('policy: only the machine-wide file may set it');
    expect(screen.getByTestId('config-files').textContent).toContain('utilisé');
  });

  it('the login screen names the tool that exists on this workstation (the installed program, not npm)', () => {
    const command = '"/opt/Plateau/plateau" --add-operator --login <login> --name "<nom>" --role ADMIN';
    useSessionStore.setState({ session: null, hasOperators: false });
    useStatusStore.setState({ workstation: { siteCode: '690', siteName: 'SAMU 69', departement: '69', workstationId: 'p1', timeZone: 'Europe/Paris', queueLimitsMinutes: { P0: 0, P1: 3, P2: 20, P3: 60, NR: 30 }, autoLockMinutes: 10, firstAdminCommand: command } });
    render(<LoginScreen />);
    expect(screen.getByTestId('first-start').textContent).toContain(command);
    expect(screen.getByTestId('first-start').textContent).not.toContain('npm');
  });
});
