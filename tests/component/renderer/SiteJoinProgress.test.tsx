import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ResponseOf } from '../../../shared/api/contract';
import { SiteJoinProgress } from '../../../renderer/src/components/SiteJoinProgress';
import { initI18n } from '../../../renderer/src/i18n';

type Join = NonNullable<ResponseOf<'site:status'>['join']>;

const first: Join = { stage: 'open', received: 1234, total: 1_003_400, secondsLeft: null, historyThrough: null };
const history: Join = { stage: 'history', received: 503_400, total: 1_003_400, secondsLeft: 95, historyThrough: '2026-11-03T13:02:00.000Z' };

describe('a new desk joining the room: the progress bar in the status area', () => {
  beforeAll(() => initI18n('fr'));
  afterEach(async () => {
    cleanup();
    await initI18n().changeLanguage('fr');
  });

  it('says in French what is received of the total, that the desk is not usable yet, and is reached by Tab', () => {
    render(<SiteJoinProgress join={first} zone="Europe/Paris" language="fr" />);
    const bar = screen.getByRole('progressbar', { name: 'Arrivée du poste dans la salle' });
    expect(bar.getAttribute('aria-valuenow')).toBe('0');
    expect(screen.getByTestId('site-join-text').textContent).toBe(
      'Arrivée dans la salle : comptes et dossiers ouverts — 1\u202f234 / 1\u202f003\u202f400 évènements (0 %) · durée restante en cours d’estimation · poste utilisable dès les dossiers ouverts reçus',
    );
    expect(bar.getAttribute('aria-valuetext')).toBe(screen.getByTestId('site-join-text').textContent);
    // In the Tab order (tabIndex 0), where a screen reader reads it on demand.
    expect(bar.tabIndex).toBe(0);
    bar.focus();
    expect(document.activeElement).toBe(bar);
  });

  it('once the open dossiers are in: usable, the time left, and which history is still missing (site clock)', () => {
    render(<SiteJoinProgress join={history} zone="Europe/Paris" language="fr" />);
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('50');
    expect(screen.getByTestId('site-join-text').textContent).toMatch(
      /^Arrivée dans la salle : historique — 503\u202f400 \/ 1\u202f003\u202f400 évènements \(50 %\) · encore 1 min 35 s · dossiers ouverts reçus, poste utilisable · historique manquant après le 03\/11\/2026 14:02/,
    );
  });

  it('says the same in English', async () => {
    await initI18n().changeLanguage('en');
    render(<SiteJoinProgress join={history} zone="Europe/Paris" language="en" />);
    expect(screen.getByTestId('site-join-text').textContent).toMatch(/^Joining the room: history — 503,400 \/ 1,003,400 events \(50 %\) · 1 min 35 s left · open dossiers in, desk usable · history missing after /);
  });
});
