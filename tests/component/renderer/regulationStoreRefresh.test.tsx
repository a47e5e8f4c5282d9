import { afterEach, describe, expect, it } from 'vitest';
import type { Dossier } from '../../../shared/domain/dossier';
import { useRegulationStore } from '../../../renderer/src/stores/regulationStore';

/**
 * Found by the room end to end (tests/e2e/room.spec.ts): a physician pressed F8 while a refresh of
 * the dossier in hand was on its way (in a room a refresh comes with every event from the site);
 * the late answer put the previous dossier back on screen although the new one was taken.
 */
describe('the regulation store', () => {
  afterEach(() => {
    useRegulationStore.setState({ dossier: null });
    delete (window as unknown as { plateau?: unknown }).plateau;
  });

  it('a refresh answered after another dossier was taken does not bring the previous one back', async () => {
    const previous = { id: 'd-previous', callerPhone: null } as unknown as Dossier;
    const next = { id: 'd-next', callerPhone: null } as unknown as Dossier;
    let answerRefresh: (value: unknown) => void = () => undefined;
    // The preload's bridge as the renderer sees it: the refresh's answer held back, the take answered at once.
    (window as unknown as { plateau: unknown }).plateau = {
      getDossier: () => new Promise((resolve) => (answerRefresh = resolve)),
      takeDossier: async () => ({ ok: true, value: next }),
    };
    useRegulationStore.setState({ dossier: previous });
    const refreshing = useRegulationStore.getState().refresh();
    await useRegulationStore.getState().take({});
    expect(useRegulationStore.getState().dossier?.id).toBe('d-next');
    answerRefresh({ ok: true, value: previous });
    await refreshing;
    expect(useRegulationStore.getState().dossier?.id).toBe('d-next');
  });
});
