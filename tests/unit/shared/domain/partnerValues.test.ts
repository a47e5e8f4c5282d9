import { describe, expect, it } from 'vitest';
import { partnerValues } from '../../../../shared/domain/hub/partnerValues';
import type { ReceivedValue } from '../../../../shared/domain/dossier';

const received = (field: ReceivedValue['field'], value: string, at: string, from = 'fr.health.samu440'): ReceivedValue => ({ field, value, at, from, distributionId: `${from}_${at}` });
const dossier = (values: ReceivedValue[]) => ({
  priority: 'P2' as const,
  state: 'ACTIF' as const,
  qualification: { motif: null, fait: null, lieu: null, filiere: 'SNP' as const, attribution: null },
  location: { label: '12 Rue de la République 69002 Lyon' } as never,
  caller: { callbackPhone: null, name: 'Mme Martin', type: null, language: null, communication: null },
  hub: { receivedFrom: null, received: values },
});

describe('partnerValues: what partners sent, beside our value', () => {
  it('keeps the latest value per field and partner, leaves out free text, in field order', () => {
    const got = partnerValues(
      dossier([
        received('perimeter', 'SNP', '2026-11-23T21:01:00.000Z'),
        received('priority', 'P1', '2026-11-23T21:00:00.000Z'),
        received('freetext', 'texte libre', '2026-11-23T21:00:30.000Z'),
        received('priority', 'P0', '2026-11-23T21:02:00.000Z'),
        received('priority', 'P3', '2026-11-23T21:03:00.000Z', 'fr.health.samu010'),
      ]),
    );
    expect(got).toEqual([
      { field: 'priority', local: 'P2', from: 'fr.health.samu010', received: 'P3', at: '2026-11-23T21:03:00.000Z', differs: true },
      { field: 'priority', local: 'P2', from: 'fr.health.samu440', received: 'P0', at: '2026-11-23T21:02:00.000Z', differs: true },
      { field: 'perimeter', local: 'SNP', from: 'fr.health.samu440', received: 'SNP', at: '2026-11-23T21:01:00.000Z', differs: false },
    ]);
  });

  it('compares status and location with ours; none for a dossier without Hub data', () => {
    const got = partnerValues(dossier([received('status', 'actif', '2026-11-23T21:00:00.000Z'), received('location', '3 rue Garibaldi, Lyon', '2026-11-23T21:00:00.000Z')]));
    expect(got.map((v) => [v.field, v.local, v.differs])).toEqual([
      ['status', 'ACTIF', false],
      ['location', '12 Rue de la République 69002 Lyon', true],
    ]);
    expect(partnerValues({ ...dossier([]), hub: null })).toEqual([]);
  });
});
