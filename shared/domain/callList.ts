import type { Call } from './callState';

/**
 * The calls on this position as the call panel shows them: ringing first (oldest first: the one
 * waiting longest), then the active one, then the held ones. Ended calls leave the panel (the
 * journal keeps them). Pure: the renderer's call store is this reducer.
 */
export interface CallList {
  calls: Call[];
}

export type CallListAction = { type: 'loaded'; calls: Call[] } | { type: 'changed'; call: Call };

const RANK: Record<Call['state'], number> = { presented: 0, ringing: 0, dialing: 1, active: 1, held: 2, ended: 3 };

function ordered(calls: Call[]): Call[] {
  return [...calls].sort((a, b) => RANK[a.state] - RANK[b.state] || a.presentedAt.localeCompare(b.presentedAt));
}

export function callListReducer(state: CallList, action: CallListAction): CallList {
  switch (action.type) {
    case 'loaded':
      return { calls: ordered(action.calls.filter((c) => c.state !== 'ended')) };
    case 'changed': {
      const current = state.calls.find((c) => c.id === action.call.id);
      // Events can arrive out of order with a list loaded meanwhile: never go back in the journal.
      if (current && current.lastSeq >= action.call.lastSeq) return state;
      const others = state.calls.filter((c) => c.id !== action.call.id);
      return { calls: ordered(action.call.state === 'ended' ? others : [...others, action.call]) };
    }
  }
}

/** The call the shortcuts act on: the active one, else the oldest ringing one. */
export function focusedCall(list: CallList): Call | undefined {
  return list.calls.find((c) => c.state === 'active' || c.state === 'dialing') ?? list.calls.find((c) => c.state === 'ringing' || c.state === 'presented');
}

export function ringingCalls(list: CallList): Call[] {
  return list.calls.filter((c) => c.direction === 'inbound' && (c.state === 'ringing' || c.state === 'presented'));
}
