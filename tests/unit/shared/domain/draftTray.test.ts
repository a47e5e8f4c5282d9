import { describe, expect, it } from 'vitest';
import { closedDraft, draftReducer, type DossierDraft } from '../../../../shared/domain/dossierDraft';
import { putAside, takeFromTray } from '../../../../shared/domain/draftTray';

const typed = (phone: string): DossierDraft => draftReducer(draftReducer(closedDraft, { type: 'open' }), { type: 'edit', field: 'callerPhone', value: phone });

describe('drafts tray', () => {
  it('keeps an unsaved draft, newest first; an empty or saved one is not kept', () => {
    let tray = putAside([], typed('0601'), 'a', '2026-12-06T09:00:00Z');
    tray = putAside(tray, typed('0602'), 'b', '2026-12-06T09:01:00Z');
    expect(tray.map((d) => d.id)).toEqual(['b', 'a']);
    expect(putAside(tray, draftReducer(closedDraft, { type: 'open' }), 'c', 'x')).toHaveLength(2);
    expect(putAside(tray, closedDraft, 'd', 'x')).toHaveLength(2);
  });

  it('gives back the draft taken and the tray without it', () => {
    const tray = putAside(putAside([], typed('0601'), 'a', 't1'), typed('0602'), 'b', 't2');
    const taken = takeFromTray(tray, 'a');
    expect(taken.draft?.callerPhone).toBe('0601');
    expect(taken.tray.map((d) => d.id)).toEqual(['b']);
    expect(takeFromTray(tray, 'zz')).toEqual({ draft: null, tray });
  });
});
