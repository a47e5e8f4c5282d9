import { act, cleanup, fireEvent, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { PlateauApi } from '../../../shared/api/contract';
import type { Envelope } from '../../../shared/api/envelope';
import { applyDossierEvent, type Dossier } from '../../../shared/domain/dossier';
import { closedDraft } from '../../../shared/domain/dossierDraft';
import { DossierForm } from '../../../renderer/src/components/DossierForm';
import { initI18n } from '../../../renderer/src/i18n';
import { useDraftStore } from '../../../renderer/src/stores/draftStore';

/**
 * The services are faked here only to control *when* the save answers; the real path is
 * covered end to end (tests/e2e). What is checked: "Enregistré" never shows before the answer.
 */
function deferred<T>() {
  let resolve!: (value: T) => void;
  const promise = new Promise<T>((r) => (resolve = r));
  return { promise, resolve };
}

// The dossier as the services would return it: built by the domain's own fold, not by hand.
const saved: Dossier = applyDossierEvent(undefined, {
  seq: 1,
  dossierId: '0190a000-0000-7000-8000-000000000001',
  at: '2026-11-23T10:00:00.000Z',
  actor: { id: 'poste:test', role: 'ARM' },
  body: {
    type: 'dossier.created',
    payload: { localNumber: 'DRFR156902632700001', caseId: 'fr.health.samu690.DRFR156902632700001', kind: 'DRM', origin: '15', callerPhone: '+33612345678', motive: 'malaise', priority: 'P1' },
  },
});

describe('DossierForm', () => {
  let pending: ReturnType<typeof deferred<Envelope<Dossier>>>;
  const requests: unknown[] = [];

  beforeAll(() => initI18n('fr'));
  beforeEach(() => {
    pending = deferred();
    requests.length = 0;
    Object.defineProperty(window, 'plateau', {
      configurable: true,
      value: { createDossier: (r: unknown) => (requests.push(r), pending.promise) } as unknown as PlateauApi,
    });
    useDraftStore.setState({ draft: closedDraft });
    useDraftStore.getState().dispatch({ type: 'open' });
  });
  afterEach(cleanup);

  const fill = () => {
    fireEvent.change(screen.getByLabelText('Téléphone de l’appelant'), { target: { value: '06 12 34 56 78' } });
    fireEvent.change(screen.getByLabelText('Motif'), { target: { value: 'malaise' } });
    // No priority is preselected: the ARM picks one (2 on the radio group).
    fireEvent.keyDown(screen.getByRole('radiogroup', { name: 'Priorité' }), { code: 'Digit2', key: '2' });
  };

  it('preselects no priority and refuses to save without one, at the field, sending nothing', () => {
    render(<DossierForm />);
    expect(screen.getAllByRole('radio').filter((r) => r.getAttribute('aria-checked') === 'true')).toHaveLength(0);
    fireEvent.change(screen.getByLabelText('Motif'), { target: { value: 'douleur thoracique' } });
    fireEvent.submit(screen.getByTestId('dossier-form'));
    expect(requests).toEqual([]);
    const group = screen.getByRole('radiogroup', { name: 'Priorité' });
    expect(group.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(group.getAttribute('aria-describedby')!)!.textContent).toMatch(/priorité est obligatoire/);
    expect(screen.getByTestId('save-status').textContent).toMatch(/priorité est obligatoire/);
  });

  it('shows "Enregistré" only once the services answered ok', async () => {
    render(<DossierForm />);
    fill();
    fireEvent.submit(screen.getByTestId('dossier-form'));
    expect(screen.getByTestId('save-status').textContent).toBe('Enregistrement…');
    expect(requests).toEqual([{ kind: 'DRM', origin: '15', callerPhone: '06 12 34 56 78', motive: 'malaise', priority: 'P2' }]);
    await act(async () => pending.resolve({ ok: true, value: saved }));
    expect(screen.getByTestId('save-status').textContent).toBe('Enregistré — DRFR156902632700001');
  });

  it('saves a dossier opened for an answered call with that call, for the services to attach it', async () => {
    const callId = '0190a0b0-0000-7000-8000-00000000ca11';
    useDraftStore.getState().dispatch({ type: 'open', callId });
    render(<DossierForm />);
    fill();
    fireEvent.submit(screen.getByTestId('dossier-form'));
    expect(requests).toEqual([{ kind: 'DRM', origin: '15', callerPhone: '06 12 34 56 78', motive: 'malaise', priority: 'P2', callId }]);
    await act(async () => pending.resolve({ ok: true, value: saved }));
  });

  it('marks the phone field on E_BAD_REQUEST and keeps what was typed', async () => {
    render(<DossierForm />);
    fill();
    fireEvent.submit(screen.getByTestId('dossier-form'));
    await act(async () => pending.resolve({ ok: false, error: { code: 'E_BAD_REQUEST', message: 'callerPhone: impossible', field: 'callerPhone' } }));
    const phone = screen.getByLabelText('Téléphone de l’appelant');
    expect(phone.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(phone.getAttribute('aria-describedby')!)!.textContent).toMatch(/Numéro impossible/);
    expect((phone as HTMLInputElement).value).toBe('06 12 34 56 78');
    expect((screen.getByLabelText('Motif') as HTMLInputElement).value).toBe('malaise');
    expect(screen.getByTestId('save-status').textContent).not.toContain('Enregistré —');
  });

  it('says at the motive that it holds an invisible character when the services refuse it (E_MALFORMED)', async () => {
    render(<DossierForm />);
    fill();
    fireEvent.submit(screen.getByTestId('dossier-form'));
    await act(async () => pending.resolve({ ok: false, error: { code: 'E_MALFORMED', message: 'dossier:create: motive: invisible character U+0000 refused', field: 'motive' } }));
    const motive = screen.getByLabelText('Motif');
    expect(motive.getAttribute('aria-invalid')).toBe('true');
    const help = document.getElementById(motive.getAttribute('aria-describedby')!)!.textContent;
    expect(help).toMatch(/le champ motif contient un caractère de contrôle invisible/);
    expect(help).not.toMatch(/obligatoire/);
    expect(screen.getByTestId('save-status').textContent).toMatch(/rien n’a été enregistré/);
    expect((motive as HTMLInputElement).value).toBe('malaise');
  });

  it('says nothing was saved when the link to the services is lost', async () => {
    render(<DossierForm />);
    fill();
    fireEvent.submit(screen.getByTestId('dossier-form'));
    await act(async () => pending.resolve({ ok: false, error: { code: 'E_TRANSPORT', message: 'gone' } }));
    expect(screen.getByTestId('save-status').textContent).toMatch(/rien n’a été enregistré/);
  });
});
