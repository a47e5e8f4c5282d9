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
    useRegulationStore.setState({ dossier, decisionType: 'CONSEIL', error: null, saved: null });
  });
  afterEach(cleanup);

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
    fireEvent.change(screen.getByLabelText('Niveau de soin'), { target: { value: 'R3' } });
    fireEvent.change(screen.getByLabelText('Orientation'), { target: { value: 'CABINET' } });
    fireEvent.click(screen.getByLabelText('Transport'));
    fireEvent.change(screen.getByLabelText('Destination'), { target: { value: 'cabinet Garibaldi' } });
    await act(async () => void fireEvent.submit(screen.getByTestId('decision-form')));
    await waitFor(() => expect(addDecision).toHaveBeenCalledOnce());
    expect(addDecision).toHaveBeenCalledWith({ dossierId: dossier.id, type: 'ORIENT', careLevel: 'R3', orientationType: 'CABINET', transport: true, destination: 'cabinet Garibaldi' });
    expect(useRegulationStore.getState().saved).toEqual({ kind: 'decision', type: 'ORIENT' });
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
