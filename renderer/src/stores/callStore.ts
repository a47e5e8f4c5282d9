import { create } from 'zustand';
import type { RequestOf, ResponseOf } from '../../../shared/api/contract';
import type { ApiError } from '../../../shared/api/envelope';
import type { TelephonyStatus } from '../../../shared/api/telephonySchemas';
import { callListReducer, focusedCall, type CallList, type CallListAction } from '../../../shared/domain/callList';
import type { Call } from '../../../shared/domain/callState';
import { displayPhone } from '../../../shared/domain/phone';
import { backend } from '../api/backend';
import { mediaBridge, type Speaker } from '../media/mediaBridge';
import { useDraftStore } from './draftStore';

interface CallStore {
  list: CallList;
  status: TelephonyStatus | null;
  error: ApiError | null;
  /** Microphone muted (renderer-side: the media bridge disables the track, no SIP involved). */
  muted: boolean;
  toggleMute(): void;
  dispatch(action: CallListAction): void;
  setStatus(status: TelephonyStatus): void;
  load(): Promise<void>;
  answer(callId?: string): Promise<void>;
  hangup(callId?: string, reason?: string): Promise<void>;
  toggleHold(callId?: string, reason?: string): Promise<void>;
  place(request: RequestOf<'call:place'>): Promise<void>;
  /** The regulators' extensions (call:extensions): transfer targets offered by the palette. */
  regulators: ResponseOf<'call:extensions'>['regulators'];
  /** Audio outputs the palette offers, and the one chosen (null: the system default). */
  speakers: Speaker[];
  speakerId: string | null;
  loadSpeakers(): Promise<void>;
  setSpeaker(deviceId: string): Promise<void>;
  /** DTMF keypad open (digits typed there go to the active call, not to a field). */
  keypadOpen: boolean;
  /** Tones sent since the keypad opened, shown in it. */
  dtmfSent: string;
  setKeypadOpen(open: boolean): void;
  /** One tone to the active call (SIP INFO from the services). */
  dtmf(tone: string): Promise<void>;
  /** Blind transfer of the active (else held) call; a P0 needs `reason` (else the prompt opens). */
  transfer(target: RequestOf<'call:transfer'>['target'], reason?: string): Promise<void>;
  /**
   * A P0 call the services refused to hold, hang up or transfer blind (E_P0_REASON): the prompt
   * asking the ARM why, and what to do again with the reason.
   */
  p0Prompt: P0Prompt | null;
  answerP0Prompt(reason: string): Promise<void>;
  closeP0Prompt(): void;
  /** The accompanied transfer under way: the caller's call and the consultation call. */
  consultation: { callId: string; consultCallId: string; target: RequestOf<'call:consult'>['target']; conference: boolean } | null;
  /** Consult a regulator on the call in hand (the caller waits, held for it). */
  consult(target: RequestOf<'call:consult'>['target']): Promise<void>;
  /** The caller joins the consultation: ARM, caller and regulator talk together (mixed at this desk). */
  conference(): Promise<void>;
  /** Hand the caller over to the consulted regulator (REFER with Replaces); the ARM leaves. */
  completeTransfer(): Promise<void>;
}

export type P0Prompt = { action: 'hold' | 'hangup'; callId: string } | { action: 'blindTransfer'; callId: string; target: RequestOf<'call:transfer'>['target'] };

const SPEAKER_KEY = 'plateau.speaker';

export const useCallStore = create<CallStore>((set, get) => {
  let dtmfQueue: Promise<void> = Promise.resolve();
  const target = (callId?: string): Call | undefined => (callId ? get().list.calls.find((c) => c.id === callId) : focusedCall(get().list));
  const report = (result: { ok: boolean; error?: ApiError }) => set({ error: result.ok ? null : (result.error ?? null) });
  /** E_P0_REASON opens the reason prompt for the same action instead of a bare error. */
  const refusedForP0 = (result: { ok: boolean; error?: ApiError }, prompt: P0Prompt) => {
    if (result.ok || result.error?.code !== 'E_P0_REASON') return false;
    set({ p0Prompt: prompt, error: result.error });
    return true;
  };
  return {
    p0Prompt: null,
    consultation: null,
    closeP0Prompt: () => set({ p0Prompt: null }),
    async answerP0Prompt(reason) {
      const prompt = get().p0Prompt;
      if (!prompt) return;
      set({ p0Prompt: null });
      if (prompt.action === 'blindTransfer') await get().transfer(prompt.target, reason);
      else if (prompt.action === 'hold') await get().toggleHold(prompt.callId, reason);
      else await get().hangup(prompt.callId, reason);
    },
    async consult(consultTarget) {
      const call = get().list.calls.find((c) => c.state === 'active') ?? get().list.calls.find((c) => c.state === 'held');
      if (!call) return;
      const result = await backend.consultCall({ callId: call.id, target: consultTarget });
      report(result);
      if (!result.ok) return;
      get().dispatch({ type: 'changed', call: result.value });
      set({ consultation: { callId: call.id, consultCallId: result.value.id, target: consultTarget, conference: false } });
    },
    async conference() {
      const consultation = get().consultation;
      if (!consultation) return;
      const result = await backend.conferenceCall({ callId: consultation.callId, consultCallId: consultation.consultCallId });
      report(result);
      if (!result.ok) return;
      for (const call of result.value.calls) get().dispatch({ type: 'changed', call });
      set({ consultation: { ...consultation, conference: true } });
      await mediaBridge.conference(consultation.callId, consultation.consultCallId).catch(() => {});
    },
    async completeTransfer() {
      const consultation = get().consultation;
      if (!consultation) return;
      const result = await backend.transferCall({ callId: consultation.callId, target: consultation.target, consultCallId: consultation.consultCallId });
      report(result);
      if (!result.ok) return;
      get().dispatch({ type: 'changed', call: result.value });
      set({ consultation: null });
    },
    list: { calls: [] },
    status: null,
    error: null,
    muted: false,
    regulators: [],
    speakers: [],
    speakerId: null,
    async loadSpeakers() {
      const speakers = await mediaBridge.speakers().catch(() => []);
      set({ speakers });
      // The headset chosen earlier on this post, if it is still plugged in.
      const saved = globalThis.localStorage?.getItem(SPEAKER_KEY) ?? null;
      if (saved && get().speakerId === null && speakers.some((s) => s.deviceId === saved)) await get().setSpeaker(saved);
    },
    async setSpeaker(deviceId) {
      await mediaBridge.setSpeaker(deviceId);
      globalThis.localStorage?.setItem(SPEAKER_KEY, deviceId);
      set({ speakerId: deviceId });
    },
    keypadOpen: false,
    dtmfSent: '',
    setKeypadOpen: (keypadOpen) => set({ keypadOpen, dtmfSent: '' }),
    dtmf(tone) {
      const call = get().list.calls.find((c) => c.state === 'active');
      if (!call) return Promise.resolve();
      // Shown at once; sent one after the other, in the order typed (one INFO transaction at a
      // time: a far end may refuse a second INFO while the first is unanswered). A refusal shows
      // as the call error.
      set({ dtmfSent: get().dtmfSent + tone });
      dtmfQueue = dtmfQueue.then(async () => report(await backend.sendDtmf({ callId: call.id, tones: tone })));
      return dtmfQueue;
    },
    toggleMute() {
      const muted = !get().muted;
      mediaBridge.setMuted(muted);
      set({ muted });
    },
    dispatch: (action) => {
      const list = callListReducer(get().list, action);
      // The accompanied transfer is over once either of its calls is gone.
      const consultation = get().consultation;
      const live = (id: string) => list.calls.some((c) => c.id === id && c.state !== 'ended');
      set({ list, consultation: consultation && live(consultation.callId) && live(consultation.consultCallId) ? consultation : null });
    },
    setStatus: (status) => set({ status }),
    async load() {
      const [result, extensions] = await Promise.all([backend.listCalls(), backend.listExtensions()]);
      if (result.ok) set({ list: callListReducer(get().list, { type: 'loaded', calls: result.value.calls }), status: result.value.status });
      if (extensions.ok) set({ regulators: extensions.value.regulators });
    },
    async answer(callId) {
      const call = target(callId);
      if (!call || (call.state !== 'ringing' && call.state !== 'presented')) return;
      const result = await backend.answerCall({ callId: call.id });
      report(result);
      if (!result.ok) return;
      get().dispatch({ type: 'changed', call: result.value });
      // An answered call opens a new dossier with the caller's number, unless the ARM is typing one;
      // saving it attaches the call in the same journal command (dossier:create with callId).
      const drafts = useDraftStore.getState();
      const current = drafts.draft;
      if (!current.open || current.saved || (current.callerPhone === '' && current.motive === '')) {
        drafts.dispatch({ type: 'open', callId: call.id });
        drafts.dispatch({ type: 'edit', field: 'callerPhone', value: displayPhone(result.value.remoteNumber) });
      }
    },
    async hangup(callId, reason) {
      const call = target(callId);
      if (!call) return;
      const result = await backend.hangupCall(reason ? { callId: call.id, reason } : { callId: call.id });
      if (refusedForP0(result, { action: 'hangup', callId: call.id })) return;
      report(result);
      if (result.ok) get().dispatch({ type: 'changed', call: result.value });
    },
    async place(request) {
      const result = await backend.placeCall(request);
      report(result);
      if (result.ok) get().dispatch({ type: 'changed', call: result.value });
    },
    async transfer(transferTarget, reason) {
      const call = get().list.calls.find((c) => c.state === 'active') ?? get().list.calls.find((c) => c.state === 'held');
      if (!call) return;
      const result = await backend.transferCall(reason ? { callId: call.id, target: transferTarget, reason } : { callId: call.id, target: transferTarget });
      if (refusedForP0(result, { action: 'blindTransfer', callId: call.id, target: transferTarget })) return;
      report(result);
      if (result.ok) get().dispatch({ type: 'changed', call: result.value });
    },
    async toggleHold(callId, reason) {
      const call = callId ? target(callId) : (get().list.calls.find((c) => c.state === 'active') ?? get().list.calls.find((c) => c.state === 'held'));
      if (!call) return;
      const result = call.state === 'held' ? await backend.resumeCall({ callId: call.id }) : await backend.holdCall(reason ? { callId: call.id, reason } : { callId: call.id });
      if (refusedForP0(result, { action: 'hold', callId: call.id })) return;
      report(result);
      if (result.ok) get().dispatch({ type: 'changed', call: result.value });
    },
  };
});

/** Subscribes the store to the pushed events; returns the unsubscribe. */
export function connectCallStore(): () => void {
  void useCallStore.getState().load();
  const offCall = backend.onCallChanged((event) => useCallStore.getState().dispatch({ type: 'changed', call: event.call }));
  const offStatus = backend.onTelephonyStatus((status) => useCallStore.getState().setStatus(status));
  const loadSpeakers = () => void useCallStore.getState().loadSpeakers();
  loadSpeakers();
  mediaBridge.onMicrophoneGranted = loadSpeakers;
  navigator.mediaDevices?.addEventListener?.('devicechange', loadSpeakers);
  return () => {
    mediaBridge.onMicrophoneGranted = null;
    navigator.mediaDevices?.removeEventListener?.('devicechange', loadSpeakers);
    offCall();
    offStatus();
  };
}
