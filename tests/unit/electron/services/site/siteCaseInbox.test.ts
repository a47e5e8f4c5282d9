import { describe, expect, it } from 'vitest';
import { deskBlockPrefix, formatLocalNumber, localDayKey } from '../../../../../shared/domain/localNumber';
import { localDay } from '../../../../../shared/domain/siteTime';
import { inboundEventId, SITE_BLOCK } from '../../../../../electron/services/site/hub/siteCaseInbox';

describe('the site inbox: a partner message handled once, numbered apart from every desk', () => {
  it('derives the same event id for the same (sender, distributionID), a different one otherwise', () => {
    const id = inboundEventId('fr.health.samu440', 'fr.health.samu440_abc');
    expect(id).toBe(inboundEventId('fr.health.samu440', 'fr.health.samu440_abc'));
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(inboundEventId('fr.health.samu440', 'fr.health.samu440_abd')).not.toBe(id);
    // A stranger reusing a partner's distributionID gets another id: it cannot take the partner's place.
    expect(inboundEventId('fr.health.samu441', 'fr.health.samu440_abc')).not.toBe(id);
  });

  it('numbers received dossiers in block 00, which no desk (01–99) ever uses', () => {
    const day = localDay(new Date('2026-12-06T10:00:00Z'), 'Europe/Paris');
    const first = formatLocalNumber('690', day, 1);
    const last = formatLocalNumber('690', day, 999);
    const sitePrefix = `DRFR15690${localDayKey(day)}${SITE_BLOCK}`;
    expect(first.startsWith(sitePrefix)).toBe(true);
    expect(last.startsWith(sitePrefix)).toBe(true);
    for (let desk = 1; desk <= 99; desk++) {
      expect(first.startsWith(deskBlockPrefix('690', day, desk))).toBe(false);
      expect(last.startsWith(deskBlockPrefix('690', day, desk))).toBe(false);
    }
  });
});
