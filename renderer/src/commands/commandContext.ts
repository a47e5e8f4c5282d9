import type { Channel } from '../../../shared/api/contract';
import { permissionFor } from '../../../shared/api/permissions';
import { isPhysician } from '../../../shared/domain/roles';
import { focusById } from '../focus/focusTargets';
import { useDraftStore } from '../stores/draftStore';
import { useRegulationStore } from '../stores/regulationStore';
import { useSessionStore } from '../stores/sessionStore';
import { useUiStore, type View } from '../stores/uiStore';

/** What the command sets read when a command is offered or run (never when the registry is built). */

export const draft = () => useDraftStore.getState().draft;

/** The dossier under regulation on this post, if any. */
export const regulated = () => useRegulationStore.getState().dossier;

/** The dossier in hand: the one under regulation, else the saved dossier of the form. */
export const dossierInHand = () => regulated() ?? draft().saved;

/** A locked post runs no one's commands: its keys belong to the lock screen (Alt+C there is Pro Santé Connect). */
const role = () => {
  const session = useSessionStore.getState().session;
  return session && !session.locked ? session.operator.role : null;
};

export const physician = () => {
  const current = role();
  return current !== null && isPhysician(current);
};

/** The screens offer what the services would allow: the same permission table decides. */
export const may = (channel: Channel) => permissionFor(channel, role()) === 'allowed';

/** Show a view, and put the hands on one of its elements once rendered. */
export function show(view: View, focus?: string): void {
  useUiStore.getState().setView(view);
  if (focus) focusById(focus);
}
