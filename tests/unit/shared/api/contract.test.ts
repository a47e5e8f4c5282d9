import { describe, expect, it } from 'vitest';
import { read, write } from '../../../../shared/api/access';
import { channel } from '../../../../shared/api/channel';
import { CHANNELS, checkedDefinitions, contract, isChannel, METHODS, PERMISSIONS } from '../../../../shared/api/contract';
import { emptyRequest, workstationInfoSchema } from '../../../../shared/api/schemas';

describe('contract derived from one row per channel', () => {
  it('names every channel once, with its schemas, one method and one access line', () => {
    expect(new Set(CHANNELS).size).toBe(CHANNELS.length);
    expect(Object.keys(contract).sort()).toEqual([...CHANNELS].sort());
    expect(Object.keys(PERMISSIONS).sort()).toEqual([...CHANNELS].sort());
    expect(Object.values(METHODS).sort()).toEqual([...CHANNELS].sort());
    expect(METHODS.createDossier).toBe('dossier:create');
    expect(PERMISSIONS['dossier:create']).toEqual({ who: ['ARM', 'MRU', 'MRL'], writes: true });
    expect(isChannel('dossier:create')).toBe(true);
    expect(isChannel('dossier:drop')).toBe(false);
  });

  it('refuses two rows with one name, or two rows with one method', () => {
    const a = channel('x:a', { method: 'a', request: emptyRequest, response: workstationInfoSchema, access: read('public') });
    const b = channel('x:b', { method: 'b', request: emptyRequest, response: workstationInfoSchema, access: write('session') });
    expect(checkedDefinitions([a, b])).toEqual([a, b]);
    expect(() => checkedDefinitions([a, b, { ...b, method: 'c' }])).toThrow(/two channels declare the name x:b/);
    expect(() => checkedDefinitions([a, { ...b, method: 'a' }])).toThrow(/two channels declare the method a/);
  });
});
