import { act, cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { PlateauApi } from '../../../shared/api/contract';
import { applyDossierEvent, type Dossier } from '../../../shared/domain/dossier';
import { DecisionForm } from '../../../renderer/src/components/DecisionForm';
import { initI18n } from '../../../renderer/src/i18n';
import { useRegulationStore } from '../../../renderer/src/stores/regulationStore';

/** The form shows only the fields of the chosen type and sends exactly those. */
const dossier: Dossier = applyDossierEvent(undefined, {
  seq: 1,
  dossierId: '0190a000-0000-7000-8000-000000000001',
  at: '2026-11-23T10:00:00.000Z',
  actor: { id: 'arm-1', role: 'ARM' },
  body: { type: 'dossier.created', payload: { localNumber: 'DRFR156902632700001', caseId: 'fr.health.samu690.DRFR156902632700001', kind: 'DRM', origin: '15', callerPhone: null, motive: 'malaise', priority: 'P1' } },
});

const addDecision = vi.fn(async () => ({ ok: true as const, value: dossier }));

describe('decision form', () => {
  beforeAll(() => initI18n('fr'));
  beforeEach(() => {
    addDecision.mockClear();
    Object.defineProperty(window, 'plateau', { configurable: true, value: { addDecision } as unknown as PlateauApi });
    useRegulationStore.setState({ dossier, decisionType: 'CONSEIL', error: null, saved: null, correcting: null });
  });
  afterEach(cleanup);

  /** A code list is found by words and chosen with Entrée (the combobox). */
  const choose = (label: string, words: string) => {
    fireEvent.change(screen.getByLabelText(label), { target: { value: words } });
    fireEvent.keyDown(screen.getByLabelText(label), { key: 'Enter' });
  };

  const labels = () => [...document.querySelectorAll('.decision-form label')].map((l) => l.textContent?.trim());

  it.each([
    ['CONSEIL', ['Conseil donné']],
    ['PMT', ['Prescription']],
    ['INTER', ['Moyen engagé']],
    ['ORIENT', ['Orientation', 'Transport', 'Destination']],
    ['PASPLUS', ['Motif']],
  ] as const)('%s asks for its own fields only', (type, fields) => {
    useRegulationStore.setState({ decisionType: type });
    render(<DecisionForm />);
    expect(labels()).toEqual(['Type de décision', 'Niveau de soin', ...fields]);
  });

  it('sends an ORIENT with orientation, transport and destination, nothing else', async () => {
    useRegulationStore.setState({ decisionType: 'ORIENT' });
    render(<DecisionForm />);
    choose('Niveau de soin', 'R3');
    choose('Orientation', 'CABINET');
    fireEvent.click(screen.getByLabelText('Transport'));
    fireEvent.change(screen.getByLabelText('Destination'), { target: { value: 'cabinet Garibaldi' } });
    await act(async () => void fireEvent.submit(screen.getByTestId('decision-form')));
    await waitFor(() => expect(addDecision).toHaveBeenCalledOnce());
    expect(addDecision).toHaveBeenCalledWith({ dossierId: dossier.id, type: 'ORIENT', careLevel: 'R3', orientationType: 'CABINET', transport: true, destination: 'cabinet Garibaldi' });
    expect(useRegulationStore.getState().saved).toEqual({ kind: 'decision', type: 'ORIENT', corrected: false });
  });

  it('a correction names the decision in force it replaces (the newest first, then the one before), and Échap gives it up', async () => {
    const decided = (id: string, minute: number, current: Dossier, supersedes: string | null = null) =>
      applyDossierEvent(current, {
        seq: current.lastSeq + 1,
        dossierId: current.id,
        at: `2026-11-23T10:0${minute}:00.000Z`,
        actor: { id: 'mru-1', role: 'MRU' },
        body: { type: 'dossier.decisionAdded', payload: { decisionId: id, decision: { type: 'CONSEIL', careLevel: 'R4', adviceText: `conseil ${id}`, prescriptionText: null, resourceType: null, orientationType: null, transport: null, destination: null, reason: null, supersedes } } },
      });
    const withDecisions = decided('d2', 2, decided('d1', 1, dossier));
    useRegulationStore.setState({ dossier: withDecisions });
    render(<DecisionForm />);
    act(() => useRegulationStore.getState().correctNext());
    expect(screen.getByTestId('decision-correcting').textContent).toContain('remplacera Conseil médical (CONSEIL R4)');
    expect(useRegulationStore.getState().correcting).toBe('d2');
    act(() => useRegulationStore.getState().correctNext());
    expect(useRegulationStore.getState().correcting).toBe('d1');
    fireEvent.keyDown(screen.getByLabelText('Type de décision'), { key: 'Escape' });
    expect(screen.queryByTestId('decision-correcting')).toBeNull();
    act(() => useRegulationStore.getState().correctNext());
    choose('Niveau de soin', 'R3');
    fireEvent.change(screen.getByLabelText('Conseil donné'), { target: { value: 'consulter demain' } });
    await act(async () => void fireEvent.submit(screen.getByTestId('decision-form')));
    await waitFor(() => expect(addDecision).toHaveBeenCalledOnce());
    expect(addDecision).toHaveBeenCalledWith({ dossierId: dossier.id, type: 'CONSEIL', careLevel: 'R3', adviceText: 'consulter demain', supersedes: 'd2' });
    expect(useRegulationStore.getState()).toMatchObject({ correcting: null, saved: { kind: 'decision', type: 'CONSEIL', corrected: true } });
  });

  it('never picks a care level for the physician: without one nothing is sent and the field is named', async () => {
    render(<DecisionForm />);
    fireEvent.change(screen.getByLabelText('Conseil donné'), { target: { value: 'repos' } });
    await act(async () => void fireEvent.submit(screen.getByTestId('decision-form')));
    expect(addDecision).not.toHaveBeenCalled();
    expect(useRegulationStore.getState().error).toMatchObject({ code: 'E_BAD_REQUEST', field: 'careLevel' });
    expect(document.activeElement).toBe(screen.getByLabelText('Niveau de soin'));
  });
});
