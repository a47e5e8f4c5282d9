import { cleanup, render, screen } from '@testing-library/react';
import i18next from 'i18next';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Dossier } from '../../../shared/domain/dossier';
import { DossierHeader } from '../../../renderer/src/components/DossierHeader';
import { initI18n } from '../../../renderer/src/i18n';

/** A GP regulator's ORIENT CABINET replacing an urgentist's INTER: only the one in force is in the header. */
const dossier = {
  id: 'd',
  localNumber: 'DRFR15690000001',
  priority: 'P2',
  state: 'ACTIF',
  createdAt: '2026-12-07T08:30:00.000Z',
  regulator: null,
  appointments: [],
  decisions: [
    { id: 'd1', type: 'INTER', careLevel: 'R1', resourceType: 'SMUR', orientationType: null, supersedes: null, at: '2026-12-07T08:31:00.000Z' },
    { id: 'd2', type: 'ORIENT', careLevel: 'R3', resourceType: null, orientationType: 'CABINET', supersedes: 'd1', at: '2026-12-07T08:32:00.000Z' },
  ],
} as unknown as Dossier;

describe('DossierHeader', () => {
  beforeAll(() => initI18n('fr'));
  afterEach(async () => {
    cleanup();
    await i18next.changeLanguage('fr');
  });

  it('says the decision in force in words, with its codes as a small suffix (French)', () => {
    render(<DossierHeader title="Dossier" dossier={dossier} status="" statusTestId="s" />);
    const decision = screen.getByTestId('header-decision');
    expect(decision.textContent).toBe('Décision en vigueur : Orientation cabinet de ville ORIENT CABINET R3');
    expect(decision.querySelector('small.decision-codes')?.textContent).toBe('ORIENT CABINET R3');
    expect(decision.textContent).not.toContain('Intervention');
  });

  it('in English, English words and no French', async () => {
    await i18next.changeLanguage('en');
    render(<DossierHeader title="Dossier" dossier={dossier} status="" statusTestId="s" />);
    expect(screen.getByTestId('header-decision').textContent).toBe('Decision in force: Referral to a GP practice ORIENT CABINET R3');
  });
});
