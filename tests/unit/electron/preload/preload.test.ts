import { describe, expect, it } from 'vitest';
import { LISTENERS, METHODS } from '../../../../shared/api/contract';
import { contextBridge, ipcRenderer } from '../../../support/fakeElectron';

describe('preload', () => {
  it('exposes exactly the named functions of the contract, nothing generic', async () => {
    await import('../../../../electron/preload/index');
    const api = contextBridge.exposed.get('plateau') as Record<string, unknown>;
    expect(Object.keys(api).sort()).toEqual([...Object.keys(METHODS), ...Object.keys(LISTENERS)].sort());
    for (const value of Object.values(api)) expect(typeof value).toBe('function');
    expect(api).not.toHaveProperty('invoke');
    expect(api).not.toHaveProperty('ipcRenderer');
  });

  it('sends each method on its own channel', async () => {
    const api = contextBridge.exposed.get('plateau') as Record<string, (r: unknown) => Promise<unknown>>;
    await api.createDossier!({ motive: 'm' });
    expect(ipcRenderer.invocations.at(-1)).toEqual(['dossier:create', { motive: 'm' }]);
  });

  it('returns an unsubscribe from every on… that really removes the listener', async () => {
    const api = contextBridge.exposed.get('plateau') as Record<string, (l: (p: unknown) => void) => () => void>;
    const seen: unknown[] = [];
    const unsubscribe = api.onDossierChanged!((payload) => seen.push(payload));
    ipcRenderer.emit('dossier:changed', {}, { seq: 1 });
    unsubscribe();
    ipcRenderer.emit('dossier:changed', {}, { seq: 2 });
    expect(seen).toEqual([{ seq: 1 }]);
    expect(ipcRenderer.listenerCount('dossier:changed')).toBe(0);
  });
});
