import { act, cleanup, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PlateauApi } from '../../../shared/api/contract';
import type { Call } from '../../../shared/domain/callState';
import { closedDraft } from '../../../shared/domain/dossierDraft';
import { appCommands } from '../../../renderer/src/commands/appCommands';
import { useGlobalShortcuts } from '../../../renderer/src/commands/useGlobalShortcuts';
import { CallPanel } from '../../../renderer/src/components/CallPanel';
import type { i18n as I18n } from 'i18next';
import { initI18n } from '../../../renderer/src/i18n';
import { connectCallStore, useCallStore } from '../../../renderer/src/stores/callStore';
import { useDraftStore } from '../../../renderer/src/stores/draftStore';

const ringing: Call = {
  id: '0190a0b0-0000-7000-8000-000000000001',
  sipCallId: 'c1',
  direction: 'inbound',
  state: 'ringing',
  remoteNumber: '+33612345678',
  remoteName: 'Mme Martin',
  dossierId: null,
  presentedAt: '2026-01-01T10:00:00.000Z',
  ringingAt: '2026-01-01T10:00:00.000Z',
  answeredAt: null,
  endedAt: null,
  outcome: null,
  endedBy: null,
  endReason: null,
  sipCode: null,
  transferTarget: null,
  lastSeq: 2,
};
const status = { state: 'registered', reason: null, sipCode: null, detail: null, since: '2026-01-01T10:00:00.000Z', aor: 'sip:arm1@x' } as const;

let pushCall: ((event: { call: Call }) => void) | null;
let pushStatus: ((event: unknown) => void) | null;
const answerCall = vi.fn(async () => ({ ok: true, value: { ...ringing, state: 'active', answeredAt: '2026-01-01T10:00:05.000Z', lastSeq: 3 } }));
const callerHistory = vi.fn(async () => ({
  ok: true,
  value: { byPhone: [{ id: '0190a0b0-0000-7000-8000-0000000000d1', localNumber: 'DRFR15690260010001', priority: 'P1', createdAt: '2025-12-31T09:00:00Z', callerPhone: '+33612345678', motive: 'chute', state: 'ACTIF', queue: null }], byPatient: [] },
}));

let i18n: I18n;
function Screen() {
  useGlobalShortcuts(appCommands(i18n));
  return <CallPanel />;
}

describe('call panel', () => {
  beforeAll(() => {
    i18n = initI18n('fr');
  });
  beforeEach(() => {
    pushCall = null;
    pushStatus = null;
    answerCall.mockClear();
    useDraftStore.setState({ draft: closedDraft });
    useCallStore.setState({ list: { calls: [] }, status: null, error: null });
    Object.defineProperty(window, 'plateau', {
      configurable: true,
      value: {
        listCalls: async () => ({ ok: true, value: { calls: [], status } }),
        answerCall,
        callerHistory,
        onCallChanged: (l: (e: { call: Call }) => void) => ((pushCall = l), () => {}),
        onTelephonyStatus: (l: (e: unknown) => void) => ((pushStatus = l), () => {}),
      } as unknown as PlateauApi,
    });
  });
  afterEach(cleanup);

  it('shows the status, a ringing call with its number and the caller history before answering; F3 answers and opens a dossier with the number', async () => {
    render(<Screen />);
    const off = connectCallStore();
    await waitFor(() => expect(screen.getByTestId('telephony-status').textContent).toContain('En ligne'));
    act(() => pushCall!({ call: ringing }));
    expect(screen.getByTestId('call-ringing').textContent).toContain('+33612345678');
    await waitFor(() => expect(screen.getByText(/1 dossier\(s\) récent\(s\)/)).toBeTruthy());
    expect(screen.getByText(/DRFR15690260010001/)).toBeTruthy();
    await act(async () => {
      window.dispatchEvent(new KeyboardEvent('keydown', { code: 'F3', bubbles: true, cancelable: true }));
    });
    await waitFor(() => expect(answerCall).toHaveBeenCalledWith({ callId: ringing.id }));
    await waitFor(() => expect(screen.getByTestId('call-active')).toBeTruthy());
    expect(useDraftStore.getState().draft).toMatchObject({ open: true, callerPhone: '0612345678' });
    // Saving that dossier attaches the answered call (dossier:create with its callId).
    expect(useDraftStore.getState().draft.callId).toBe(ringing.id);
    off();
  });

  it('Alt+M mutes and unmutes the microphone, and the panel says so', async () => {
    render(<Screen />);
    useCallStore.setState({ muted: false });
    await act(async () => {
      window.dispatchEvent(new KeyboardEvent('keydown', { code: 'KeyM', altKey: true, bubbles: true, cancelable: true }));
    });
    expect(screen.getByTestId('call-muted').textContent).toContain('Rétablir le micro');
    await act(async () => {
      window.dispatchEvent(new KeyboardEvent('keydown', { code: 'KeyM', altKey: true, bubbles: true, cancelable: true }));
    });
    expect(screen.queryByTestId('call-muted')).toBeNull();
  });

  it('says why the softphone is down', async () => {
    render(<Screen />);
    const off = connectCallStore();
    act(() => pushStatus!({ ...status, state: 'failing', reason: 'auth', sipCode: 401 }));
    expect(screen.getByTestId('telephony-status').textContent).toMatch(/Téléphonie en défaut · mot de passe refusé \(401\)/);
    off();
  });
});

describe('call commands', () => {
  beforeAll(() => {
    initI18n('fr');
  });
  afterEach(cleanup);

  it('Alt+Maj+R calls the saved dossier’s caller back, attached to the dossier; a refusal is shown translated', async () => {
    const placeCall = vi.fn(async () => ({ ok: false, error: { code: 'E_TELEPHONY_OFFLINE', message: 'softphone not registered' } }));
    Object.defineProperty(window, 'plateau', {
      configurable: true,
      value: { placeCall, listCalls: async () => ({ ok: true, value: { calls: [], status } }), onCallChanged: () => () => {}, onTelephonyStatus: () => () => {} } as unknown as PlateauApi,
    });
    useCallStore.setState({ list: { calls: [] }, status: null, error: null });
    const saved = { id: '0190a0b0-0000-7000-8000-0000000000d1', callerPhone: '+33612345678', caller: { callbackPhone: null } };
    useDraftStore.setState({ draft: { ...closedDraft, open: true, status: 'saved', saved: saved as never } });
    i18n = initI18n('fr');
    render(<Screen />);
    await act(async () => {
      window.dispatchEvent(new KeyboardEvent('keydown', { code: 'KeyR', altKey: true, shiftKey: true, bubbles: true, cancelable: true }));
    });
    expect(placeCall).toHaveBeenCalledWith({ target: { kind: 'external', number: '+33612345678' }, dossierId: saved.id });
    await waitFor(() => expect(screen.getByRole('alert').textContent).toBe('Téléphonie non enregistrée : impossible d’appeler'));
  });
});
