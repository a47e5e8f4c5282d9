import { callBackNumber } from '../../../shared/domain/callbacks';
import { QUEUES, type QueueId } from '../../../shared/domain/routing';
import { useCallStore } from '../stores/callStore';
import type { Command } from './command';
import { draft } from './commandContext';

export type Regulator = { extension: string; label: string };
export type Speaker = { deviceId: string; label: string };

const calls = () => useCallStore.getState().list.calls;
const hasCallInHand = () => calls().some((c) => c.state === 'active' || c.state === 'held');

/**
 * The softphone. Usable while typing in the dossier (the ARM answers without leaving the form).
 * `regulators`: this position's extension plan (call:extensions), one entry each to transfer the
 * call to; `speakers`: the audio outputs to move the calls' sound to.
 */
export function callCommands(regulators: readonly Regulator[], speakers: readonly Speaker[]): Command[] {
  return [
    {
      id: 'call.answer',
      labelKey: 'commands.callAnswer',
      shortcut: { code: 'F3' },
      inFields: true,
      enabled: () => calls().some((c) => c.direction === 'inbound' && (c.state === 'ringing' || c.state === 'presented')),
      run: () => void useCallStore.getState().answer(),
    },
    { id: 'call.hangup', labelKey: 'commands.callHangup', shortcut: { code: 'F4' }, inFields: true, enabled: () => calls().length > 0, run: () => void useCallStore.getState().hangup() },
    {
      id: 'call.hold',
      labelKey: 'commands.callHold',
      shortcut: { code: 'F6' },
      inFields: true,
      enabled: hasCallInHand,
      run: () => void useCallStore.getState().toggleHold(),
    },
    {
      // Call the caller back from the saved dossier: the call is attached to it from the start.
      id: 'call.callback',
      labelKey: 'commands.callBack',
      shortcut: { code: 'KeyR', alt: true, shift: true },
      inFields: true,
      // The callback number when the caller gave one (a mobile, a landline at the patient's): not the line they called from.
      enabled: () => Boolean(draft().saved && callBackNumber(draft().saved!)),
      run: () => {
        const saved = draft().saved;
        const number = saved ? callBackNumber(saved) : null;
        if (saved && number) void useCallStore.getState().place({ target: { kind: 'external', number }, dossierId: saved.id });
      },
    },
    ...(Object.keys(QUEUES) as QueueId[]).map(
      (queue): Command => ({
        id: `call.transfer.${queue}`,
        labelKey: 'commands.callTransfer',
        labelValueKeys: { queue: `queues.${queue}` },
        enabled: hasCallInHand,
        run: () => void useCallStore.getState().transfer({ kind: 'queue', queue }),
      }),
    ),
    ...regulators.map(
      (regulator): Command => ({
        id: `call.transfer.regulator.${regulator.extension}`,
        labelKey: 'commands.callTransferRegulator',
        labelValues: { label: regulator.label, extension: regulator.extension },
        enabled: hasCallInHand,
        run: () => void useCallStore.getState().transfer({ kind: 'extension', extension: regulator.extension }),
      }),
    ),
    ...speakers.map(
      (speaker): Command => ({
        id: `audio.speaker.${speaker.deviceId}`,
        labelKey: 'commands.audioSpeaker',
        labelValues: { label: speaker.label },
        enabled: () => useCallStore.getState().speakerId !== speaker.deviceId,
        run: () => void useCallStore.getState().setSpeaker(speaker.deviceId),
      }),
    ),
    {
      id: 'call.dtmf',
      labelKey: 'commands.callDtmf',
      shortcut: { code: 'KeyD', alt: true },
      inFields: true,
      enabled: () => calls().some((c) => c.state === 'active'),
      run: () => useCallStore.getState().setKeypadOpen(true),
    },
    { id: 'call.mute', labelKey: 'commands.callMute', shortcut: { code: 'KeyM', alt: true }, inFields: true, run: () => useCallStore.getState().toggleMute() },
  ];
}
