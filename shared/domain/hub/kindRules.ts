/**
 * What an EDXL `distributionKind` may carry, and on which of our queues it may arrive (Hub
 * Santé "Format des messages": Report, Update and Cancel go to `{id}.message`, Ack to `{id}.ack`,
 * Error to `{id}.info`). A message whose kind, payload and queue disagree is refused: its kind
 * would decide what we do with it (a Cancel withdraws, it never creates).
 */
export type InboundQueue = 'message' | 'ack' | 'info';
export type DistributionKind = 'Report' | 'Update' | 'Cancel' | 'Ack' | 'Error';

const KIND_QUEUE: Record<DistributionKind, InboundQueue> = { Report: 'message', Update: 'message', Cancel: 'message', Ack: 'ack', Error: 'info' };

/** Per payload key: the kinds that make sense for it. */
const KINDS_OF_PAYLOAD: Record<string, readonly DistributionKind[]> = {
  // A case is shared (Report), or its share withdrawn (Cancel).
  createCaseHealth: ['Report', 'Cancel'],
  // An update updates (Update), or withdraws the case it updates (Cancel).
  createCaseHealthUpdate: ['Update', 'Cancel'],
  // The SAS platform pushes a new appointment or a change of one (its own method says which).
  appointment: ['Report', 'Update'],
  reference: ['Ack'],
  error: ['Error'],
};

export function isDistributionKind(value: string): value is DistributionKind {
  return Object.hasOwn(KIND_QUEUE, value);
}

/** Why this kind, payload and queue do not go together; null when they do. */
export function kindProblem(distributionKind: string, payloadKey: string, queue: InboundQueue): string | null {
  if (!isDistributionKind(distributionKind)) return `distributionKind ${distributionKind.slice(0, 40)} is not one of Report, Update, Cancel, Ack, Error`;
  const kinds = KINDS_OF_PAYLOAD[payloadKey];
  if (!kinds) return `payload ${payloadKey.slice(0, 60)} is not one Plateau reads`;
  if (!kinds.includes(distributionKind)) return `a ${payloadKey} cannot be a ${distributionKind} (expected ${kinds.join(' or ')})`;
  if (KIND_QUEUE[distributionKind] !== queue) return `a ${distributionKind} arrived on .${queue}, expected .${KIND_QUEUE[distributionKind]}`;
  return null;
}

/** Answers only go back for what arrived as a message: an answer to an answer could loop. */
export function isAnswerable(queue: InboundQueue): boolean {
  return queue === 'message';
}
