import { FOCUS, focusFirstButtonIn } from '../focus/focusTargets';
import { useCallbackStore } from '../stores/callbackStore';
import { useOsnpStore } from '../stores/osnpStore';
import type { Command } from './command';
import { may, regulated, show } from './commandContext';

/** The views, each with where the hands land once it shows. */
export function navigationCommands(): Command[] {
  return [
    { id: 'view.calls', labelKey: 'commands.viewCalls', shortcut: { code: 'KeyA', alt: true }, inFields: true, run: () => show('calls', FOCUS.queue) },
    { id: 'view.regulation', labelKey: 'commands.viewRegulation', shortcut: { code: 'KeyR', alt: true }, inFields: true, run: () => show('regulation', regulated() ? FOCUS.regulationNote : undefined) },
    {
      id: 'view.osnp',
      labelKey: 'commands.viewOsnp',
      shortcut: { code: 'KeyO', alt: true },
      inFields: true,
      enabled: () => may('osnp:list'),
      run: () => {
        show('osnp');
        // Fresh list, then the most urgent patient under the OSNP's hands.
        void useOsnpStore.getState().load().then(() => requestAnimationFrame(() => focusFirstButtonIn(FOCUS.osnpList)));
      },
    },
    {
      id: 'view.callbacks',
      labelKey: 'commands.viewCallbacks',
      shortcut: { code: 'KeyB', alt: true },
      inFields: true,
      enabled: () => may('callback:list'),
      run: () => {
        show('callbacks', FOCUS.callbacks);
        void useCallbackStore.getState().load();
      },
    },
    {
      id: 'sas.attach',
      labelKey: 'commands.sasAttach',
      enabled: () => may('sas:attachAppointment'),
      run: () => {
        show('osnp', FOCUS.sasToAttach);
        void useOsnpStore.getState().load();
      },
    },
    {
      id: 'view.hubProblems',
      labelKey: 'commands.viewHubProblems',
      shortcut: { code: 'KeyH', alt: true, shift: true },
      inFields: true,
      enabled: () => may('hub:inboxProblems'),
      run: () => show('hubProblems', FOCUS.hubProblems),
    },
  ];
}
