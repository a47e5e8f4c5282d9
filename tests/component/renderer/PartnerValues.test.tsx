import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { PartnerValues } from '../../../renderer/src/components/PartnerValues';
import { initI18n } from '../../../renderer/src/i18n';
import { useStatusStore } from '../../../renderer/src/stores/statusStore';

const dossier = {
  priority: 'P2' as const,
  state: 'ACTIF' as const,
  qualification: { motif: null, fait: null, lieu: null, filiere: 'SNP' as const, attribution: null },
  location: null,
  caller: { callbackPhone: null, name: null, type: null, language: null, communication: null },
  hub: {
    receivedFrom: null,
    received: [
      { field: 'priority' as const, value: 'P0', at: '2026-11-23T21:02:00.000Z', from: 'fr.health.samu440', distributionId: 'a' },
      { field: 'perimeter' as const, value: 'SNP', at: '2026-11-23T21:03:00.000Z', from: 'fr.health.samu440', distributionId: 'b' },
      { field: 'freetext' as const, value: 'texte', at: '2026-11-23T21:03:00.000Z', from: 'fr.health.samu440', distributionId: 'c' },
    ],
  },
};

describe('partner values beside ours', () => {
  beforeAll(() => initI18n('fr'));
  beforeEach(() => {
    useStatusStore.setState({ workstation: { siteCode: '974', siteName: 'SAMU 974', departement: '974', workstationId: 'p1', timeZone: 'Indian/Reunion', queueLimitsMinutes: { P0: 0, P1: 3, P2: 20, P3: 60, NR: 30 }, autoLockMinutes: 10 }, journal: null });
  });
  afterEach(cleanup);

  it('shows "local : X — reçu de <partner> : Y (heure)" on the site clock, flags a difference', () => {
    render(<PartnerValues dossier={dossier} />);
    const rows = screen.getAllByTestId('partner-value');
    expect(rows).toHaveLength(2);
    expect(rows[0]!.textContent).toBe('Priorité — local : P2 — reçu de fr.health.samu440 : P0 (24/11/2026 01:02:00) (différent : à arbitrer)');
    expect(rows[1]!.textContent).toBe('Filière — local : SNP — reçu de fr.health.samu440 : SNP (24/11/2026 01:03:00)');
  });

  it('shows nothing without operational values received', () => {
    render(<PartnerValues dossier={{ ...dossier, hub: null }} />);
    expect(screen.queryByTestId('partner-values')).toBeNull();
  });
});

describe('partner values in the ARM screen follow the partner updates', () => {
  beforeAll(() => initI18n('fr'));
  afterEach(cleanup);

  it('reads the dossier again when it changes, without the draft', async () => {
    const { act, waitFor } = await import('@testing-library/react');
    const { LivePartnerValues } = await import('../../../renderer/src/components/PartnerValues');
    const listeners: Array<(e: { dossierId: string; seq: number }) => void> = [];
    const id = '0190a000-0000-7000-8000-000000000001';
    const updated = { ...dossier, id, hub: { receivedFrom: null, received: [{ field: 'status' as const, value: 'CLOTURE', at: '2026-11-23T21:05:00.000Z', from: 'fr.health.samu440', distributionId: 'z' }] } };
    Object.defineProperty(window, 'plateau', {
      configurable: true,
      value: { getDossier: async () => ({ ok: true, value: updated }), onDossierChanged: (l: (e: { dossierId: string; seq: number }) => void) => (listeners.push(l), () => {}), onDossiersChanged: () => () => {} },
    });
    render(<LivePartnerValues dossier={{ ...dossier, id, hub: null }} />);
    expect(screen.queryByTestId('partner-values')).toBeNull();
    act(() => listeners.forEach((l) => l({ dossierId: '0190a000-0000-7000-8000-00000000ffff', seq: 1 })));
    expect(screen.queryByTestId('partner-values')).toBeNull();
    act(() => listeners.forEach((l) => l({ dossierId: id, seq: 2 })));
    await waitFor(() => expect(screen.getByTestId('partner-value').textContent).toContain('Statut — local : ACTIF — reçu de fr.health.samu440 : CLOTURE'));
  });
});
