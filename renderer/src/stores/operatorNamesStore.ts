import { create } from 'zustand';
import { backend } from '../api/backend';

/**
 * The room's operators by id, loaded at each sign-in: notes and decisions name their author
 * ("Dr Durand, médecin régulateur libéral"), never a UUID. Unknown ids (an account from another
 * site) fall back to the id.
 */
export const useOperatorNamesStore = create<{ names: Record<string, string>; load(): Promise<void> }>((set) => ({
  names: {},
  async load() {
    const result = await backend.operatorNames();
    if (result.ok) set({ names: Object.fromEntries(result.value.operators.map((o) => [o.id, o.displayName])) });
  },
}));
