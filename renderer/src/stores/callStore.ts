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
  hangup(callId?: string): Promise<void>;
  toggleHold(callId?: string): Promise<void>;
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
  /** Blind transfer of the active (else held) call. */
  transfer(target: RequestOf<'call:transfer'>['target']): Promise<void>;
}

const SPEAKER_KEY = 'plateau.speaker';

export const useCallStore = create<CallStore>((set, get) => {
  let dtmfQueue: Promise<void> = Promise.resolve();
  const target = (callId?: string): Call | undefined => (callId ? get().list.calls.find((c) => c.id === callId) : focusedCall(get().list));
  const report = (result: { ok: boolean; error?: ApiError }) => set({ error: result.ok ? null : (result.error ?? null) });
  return {
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
    dispatch: (action) => set({ list: callListReducer(get().list, action) }),
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
    async hangup(callId) {
      const call = target(callId);
      if (!call) return;
      const result = await backend.hangupCall({ callId: call.id });
      report(result);
      if (result.ok) get().dispatch({ type: 'changed', call: result.value });
    },
    async place(request) {
      const result = await backend.placeCall(request);
      report(result);
      if (result.ok) get().dispatch({ type: 'changed', call: result.value });
    },
    async transfer(transferTarget) {
      const call = get().list.calls.find((c) => c.state === 'active') ?? get().list.calls.find((c) => c.state === 'held');
      if (!call) return;
      const result = await backend.transferCall({ callId: call.id, target: transferTarget });
      report(result);
      if (result.ok) get().dispatch({ type: 'changed', call: result.value });
    },
    async toggleHold(callId) {
      const call = callId ? target(callId) : (get().list.calls.find((c) => c.state === 'active') ?? get().list.calls.find((c) => c.state === 'held'));
      if (!call) return;
      const result = call.state === 'held' ? await backend.resumeCall({ callId: call.id }) : await backend.holdCall({ callId: call.id });
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
