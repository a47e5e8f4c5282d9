import { describe, expect, it } from 'vitest';
import * as generated from '../../../../../shared/domain/codes/hubSanteCodes';
import { HUB_SANTE_LISTS, isOfficialCode, officialCodes, officialLabel } from '../../../../../shared/domain/codes';
import { ORIGINS } from '../../../../../shared/domain/dossier';
import { PRIORITIES } from '../../../../../shared/domain/priority';
import { readOfficialList } from '../../../../support/nomenclature';

describe('Hub Santé code lists', () => {
  it.each(HUB_SANTE_LISTS)('%s matches the official CSV exactly (run `npm run codes:generate` after an update)', (list) => {
    expect(generated[list]).toEqual(readOfficialList(list));
  });

  it('the domain uses official codes only', () => {
    expect([...PRIORITIES]).toEqual(officialCodes('priorite'));
    for (const origin of ORIGINS) expect(isOfficialCode('origine', origin), origin).toBe(true);
  });

  it('answers code questions', () => {
    expect(isOfficialCode('filiere', 'SNP')).toBe(true);
    expect(isOfficialCode('filiere', 'XYZ')).toBe(false);
    expect(officialLabel('motif', 'M01.01')).toBe('Suspicion d’arrêt cardiaque, mort subite');
    expect(officialCodes('attribution')).toContain('DR.DREG.DRPHARMA');
  });
});
