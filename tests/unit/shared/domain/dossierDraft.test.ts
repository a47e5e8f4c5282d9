import { describe, expect, it } from 'vitest';
import type { Dossier } from '../../../../shared/domain/dossier';
import { closedDraft, draftReducer, hasUnsavedWork, type DossierDraft } from '../../../../shared/domain/dossierDraft';

const dossier = { id: 'd1', localNumber: 'DRFR156902632700001' } as Dossier;
const typed = (): DossierDraft => {
  let s = draftReducer(closedDraft, { type: 'open' });
  s = draftReducer(s, { type: 'edit', field: 'callerPhone', value: '0612345678' });
  s = draftReducer(s, { type: 'edit', field: 'motive', value: 'malaise' });
  return draftReducer(s, { type: 'setPriority', priority: 'P1' });
};

describe('dossier draft', () => {
  it('opens empty with no priority chosen: the ARM chooses it', () => {
    expect(draftReducer(closedDraft, { type: 'open' })).toMatchObject({ open: true, priority: null, status: 'idle' });
  });

  it('refuses to save without a priority, marking that field; choosing one clears the mark', () => {
    let s = draftReducer(closedDraft, { type: 'open' });
    s = draftReducer(s, { type: 'edit', field: 'motive', value: 'douleur thoracique' });
    s = draftReducer(s, { type: 'saveStarted' });
    expect(s).toMatchObject({ status: 'error', fieldErrors: { priority: true }, motive: 'douleur thoracique' });
    expect(s.fieldErrors.motive).toBeUndefined();
    s = draftReducer(s, { type: 'setPriority', priority: 'P1' });
    expect(s.fieldErrors).toEqual({});
    expect(draftReducer(s, { type: 'saveStarted' }).status).toBe('saving');
  });

  it('keeps the call it was opened for through typing and saving; a plain new draft or a loaded dossier has none', () => {
    let s = draftReducer(closedDraft, { type: 'open', callId: 'c1' });
    s = draftReducer(s, { type: 'edit', field: 'motive', value: 'malaise' });
    s = draftReducer(s, { type: 'setPriority', priority: 'P2' });
    s = draftReducer(s, { type: 'saveStarted' });
    expect(draftReducer(s, { type: 'saveSucceeded', dossier })).toMatchObject({ status: 'saved', callId: 'c1' });
    expect(draftReducer(s, { type: 'open' }).callId).toBeNull();
    expect(draftReducer(s, { type: 'load', dossier: { ...dossier, callerPhone: null, motive: 'x', priority: 'P2', kind: 'DRM', origin: '15' } as Dossier }).callId).toBeNull();
  });

  it('reaches "saved" only through saving then success', () => {
    const s = typed();
    expect(draftReducer(s, { type: 'saveSucceeded', dossier }).status).toBe('editing');
    const saving = draftReducer(s, { type: 'saveStarted' });
    expect(saving.status).toBe('saving');
    expect(draftReducer(saving, { type: 'saveSucceeded', dossier })).toMatchObject({ status: 'saved', saved: dossier });
  });

  it('refuses to save without a motive, marking the field', () => {
    let s = draftReducer(closedDraft, { type: 'open' });
    s = draftReducer(s, { type: 'saveStarted' });
    expect(s).toMatchObject({ status: 'error', fieldErrors: { motive: true } });
  });

  it('marks the field named by E_BAD_REQUEST and keeps everything typed', () => {
    const failed = draftReducer(draftReducer(typed(), { type: 'saveStarted' }), {
      type: 'saveFailed',
      error: { code: 'E_BAD_REQUEST', message: 'callerPhone: impossible', field: 'callerPhone' },
    });
    expect(failed).toMatchObject({ status: 'error', fieldErrors: { callerPhone: true }, callerPhone: '0612345678', motive: 'malaise', priority: 'P1' });
    // Typing in the field clears its error.
    expect(draftReducer(failed, { type: 'edit', field: 'callerPhone', value: '0612345679' }).fieldErrors).toEqual({});
  });

  it('ignores edits while saving and after saved (a saved dossier changes through commands)', () => {
    const saving = draftReducer(typed(), { type: 'saveStarted' });
    expect(draftReducer(saving, { type: 'edit', field: 'motive', value: 'x' })).toBe(saving);
    expect(draftReducer(saving, { type: 'saveStarted' })).toBe(saving);
  });

  it('opens as a medical dossier (DRM) from the 15, and keeps the kind and origin chosen before saving', () => {
    let s = draftReducer(closedDraft, { type: 'open' });
    expect(s).toMatchObject({ kind: 'DRM', origin: '15' });
    s = draftReducer(s, { type: 'setKind', kind: 'DR' });
    s = draftReducer(s, { type: 'setOrigin', origin: '116117' });
    expect(s).toMatchObject({ kind: 'DR', origin: '116117', status: 'editing' });
    const saved = draftReducer(draftReducer({ ...s, motive: 'x', priority: 'P2' }, { type: 'saveStarted' }), { type: 'saveSucceeded', dossier });
    // A saved dossier's kind and origin are facts of the journal, not of the form.
    expect(draftReducer(saved, { type: 'setKind', kind: 'DRM' })).toBe(saved);
    expect(draftReducer(saved, { type: 'setOrigin', origin: '15' })).toBe(saved);
  });

  it('loads an existing dossier as saved, showing its own values', () => {
    const existing = { ...dossier, callerPhone: '+33612345678', motive: 'chute', priority: 'P1', kind: 'DR', origin: '116117' } as Dossier;
    const s = draftReducer(typed(), { type: 'load', dossier: existing });
    expect(s).toMatchObject({ open: true, status: 'saved', saved: existing, callerPhone: '+33612345678', motive: 'chute', priority: 'P1', kind: 'DR', origin: '116117', fieldErrors: {} });
  });

  it('knows when typed work is not in the journal yet', () => {
    expect(hasUnsavedWork(closedDraft)).toBe(false);
    expect(hasUnsavedWork(draftReducer(closedDraft, { type: 'open' }))).toBe(false);
    expect(hasUnsavedWork(typed())).toBe(true);
    const saved = draftReducer(draftReducer(typed(), { type: 'saveStarted' }), { type: 'saveSucceeded', dossier });
    expect(hasUnsavedWork(saved)).toBe(false);
  });
});
