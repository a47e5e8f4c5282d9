import { useCallStore } from '../stores/callStore';
import { usePhoneStore, type DirectoryEntry } from '../stores/phoneStore';
import type { Regulator } from './callCommands';
import type { Command } from './command';

const calls = () => useCallStore.getState().list.calls;
const hasCallInHand = () => calls().some((c) => c.state === 'active' || c.state === 'held');
const consultation = () => useCallStore.getState().consultation;
const consultAnswered = () => {
  const c = consultation();
  return c !== null && calls().some((call) => call.id === c.consultCallId && call.answeredAt !== null && call.state !== 'ended');
};

/**
 * Phone work without the mouse (issue 13, items 3 and 8): the free dial field and the post's
 * directory, speed-dial for each directory entry, the post's call history, and the accompanied
 * transfer of a P0 — consult a regulator (the caller waits), three-way conference, hand over.
 */
export function phoneCommands(regulators: readonly Regulator[], directory: readonly DirectoryEntry[]): Command[] {
  const first = regulators[0];
  return [
    { id: 'call.dial', labelKey: 'commands.callDial', shortcut: { code: 'KeyN', alt: true, shift: true }, inFields: true, run: () => usePhoneStore.getState().setDialOpen(true) },
    { id: 'call.history', labelKey: 'commands.callHistory', shortcut: { code: 'KeyL', alt: true, shift: true }, inFields: true, run: () => usePhoneStore.getState().setHistoryOpen(true) },
    ...directory.map(
      (entry, i): Command => ({
        id: `call.speedDial.${i}`,
        labelKey: 'commands.callSpeedDial',
        labelValues: { label: entry.label, number: entry.number },
        run: () => void usePhoneStore.getState().dial(entry.number),
      }),
    ),
    {
      // F7: the accompanied transfer's first step towards the first regulator of the plan (the AMU desk).
      id: 'call.consult',
      labelKey: 'commands.callConsultFirst',
      shortcut: { code: 'F7' },
      inFields: true,
      enabled: () => first !== undefined && hasCallInHand() && consultation() === null,
      run: () => first && void useCallStore.getState().consult({ kind: 'extension', extension: first.extension }),
    },
    ...regulators.map(
      (regulator): Command => ({
        id: `call.consult.${regulator.extension}`,
        labelKey: 'commands.callConsult',
        labelValues: { label: regulator.label, extension: regulator.extension },
        enabled: () => hasCallInHand() && consultation() === null,
        run: () => void useCallStore.getState().consult({ kind: 'extension', extension: regulator.extension }),
      }),
    ),
    {
      id: 'call.conference',
      labelKey: 'commands.callConference',
      shortcut: { code: 'Digit3', alt: true, shift: true },
      inFields: true,
      enabled: () => consultAnswered() && consultation()?.conference === false,
      run: () => void useCallStore.getState().conference(),
    },
    {
      id: 'call.completeTransfer',
      labelKey: 'commands.callCompleteTransfer',
      shortcut: { code: 'Enter', alt: true, shift: true },
      inFields: true,
      enabled: consultAnswered,
      run: () => void useCallStore.getState().completeTransfer(),
    },
  ];
}
