import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseOf } from '../../../shared/api/contract';
import { SiteStatus } from '../../../renderer/src/components/SiteStatus';
import { initI18n } from '../../../renderer/src/i18n';

const away: ResponseOf<'site:status'> = { configured: true, state: 'offline', offlineSince: '2026-12-05T13:02:00.000Z', pending: 12, refused: 0, pulledPos: 40, head: 40, join: null, conflicts: [] };

describe('the room link in the status bar', () => {
  beforeAll(() => initI18n('fr'));
  afterEach(cleanup);

  it('says since when the site is away and how many events wait', () => {
    render(<SiteStatus site={away} zone="Europe/Paris" language="fr" />);
    expect(screen.getByTestId('site-status').textContent).toBe('Site injoignable depuis 14:02 · 12 évènement(s) à transmettre');
  });

  it('says in words who won a step this desk lost', () => {
    const conflict = { dossierId: 'd', localNumber: 'DRFR156902634001001', step: 'take' as const, reason: 'alreadyTaken', winnerName: 'Dr Martin', winnerAt: '2026-12-05T13:02:10.000Z', at: '2026-12-05T13:02:11.000Z' };
    render(<SiteStatus site={{ ...away, state: 'online', offlineSince: null, pending: 0, conflicts: [conflict] }} zone="Europe/Paris" language="fr" />);
    expect(screen.getByTestId('site-status').textContent).toBe('Site : connecté');
    expect(screen.getByTestId('site-conflict').textContent).toBe('Dossier DRFR156902634001001 pris par Dr Martin à 14:02 — votre prise n’a pas été retenue');
  });
});
