import { v4 as uuidv4 } from 'uuid';
import { buildEnvelope, errorPayload, referencePayload } from '../../../electron/services/hub/edxlEnvelope';
import type { HubMessageKind } from '../../../electron/services/hub/messageKinds';
import { schemaErrors } from '../hubHandout';
import { HubTestClient, messageOf, type Received } from './hubTestClient';
import type { RabbitBroker } from './rabbitBroker';

type Obj = Record<string, unknown>;

export interface AppliedMessage {
  distributionId: string;
  caseId: string | null;
  kind: string;
  payload: Obj;
}

/**
 * A partner regulation software (another SAMU's LRM): it validates what it gets against the
 * official schemas, applies each distributionID once (duplicates are counted, and receipted
 * again), and answers RC-REF — or, when `refuse` says so, RS-ERROR.
 */
export class PeerRegulationBot {
  readonly client: HubTestClient;
  readonly applied: AppliedMessage[] = [];
  readonly duplicates = new Map<string, number>();
  private readonly seen = new Set<string>();
  readonly invalid: Array<{ distributionId: string; errors: string }> = [];
  refuse: ((payload: Obj, kind: string) => { code: number; text: string } | null) | null = null;
  /** Answers can be switched off to simulate a partner that is down. */
  answering = true;
  /** The benchmark measures Plateau, not this bot's schema checks (the dispatcher still validates). */
  validate = true;
  /** The benchmark only counts: it does not keep 50,000 payloads in memory. */
  keepPayloads = true;

  constructor(
    readonly clientId: string,
    broker: RabbitBroker,
  ) {
    this.client = new HubTestClient(clientId, broker);
    this.client.onMessage = (m) => this.handle(m);
  }

  private async handle(received: Received): Promise<void> {
    if (received.queue !== 'message' || !received.json) return;
    const envelope = received.json;
    const distributionId = String(envelope.distributionID);
    const sender = String(envelope.senderID);
    const message = messageOf(envelope);
    const key = Object.keys(message).find((k) => ['createCaseHealth', 'createCaseHealthUpdate', 'appointment'].includes(k));
    const payload = (key ? message[key] : {}) as Obj;
    const errors = this.validate ? schemaErrors(envelope) : null;
    if (errors) this.invalid.push({ distributionId, errors });
    if (this.seen.has(distributionId)) {
      this.duplicates.set(distributionId, (this.duplicates.get(distributionId) ?? 0) + 1);
    } else {
      this.seen.add(distributionId);
      this.applied.push({ distributionId, caseId: typeof payload.caseId === 'string' ? payload.caseId : null, kind: key ?? 'unknown', payload: this.keepPayloads ? payload : {} });
    }
    if (!this.answering) return;
    const refusal = this.refuse?.(payload, key ?? '');
    await this.send(refusal ? 'RS-ERROR' : 'RC-REF', sender, refusal ? errorPayload(refusal.code, 'INVALID_MESSAGE', refusal.text, distributionId) : referencePayload(distributionId));
  }

  /** Sends one message to `to`; returns its distributionID. */
  async send(kind: HubMessageKind, to: string, payload: Obj, overrides: { sentAtMs?: number; expiresAtMs?: number } = {}): Promise<string> {
    const distributionId = `${this.clientId}_${uuidv4()}`;
    const envelope = buildEnvelope({ kind, distributionId, senderId: this.clientId, recipientId: to, sentAtMs: overrides.sentAtMs ?? Date.now(), ...(overrides.expiresAtMs ? { expiresAtMs: overrides.expiresAtMs } : {}), timeZone: 'Europe/Paris', payload });
    await this.client.publish(envelope);
    return distributionId;
  }

  envelopeFor(kind: HubMessageKind, to: string, payload: Obj, overrides: { expiresAtMs?: number; sentAtMs?: number } = {}): Obj {
    return buildEnvelope({ kind, distributionId: `${this.clientId}_${uuidv4()}`, senderId: this.clientId, recipientId: to, sentAtMs: overrides.sentAtMs ?? Date.now(), ...(overrides.expiresAtMs ? { expiresAtMs: overrides.expiresAtMs } : {}), timeZone: 'Europe/Paris', payload }) as unknown as Obj;
  }

  connect(): Promise<void> {
    return this.client.connect();
  }

  close(): Promise<void> {
    return this.client.close();
  }
}

/** The national SAS platform: pushes RS-SAS-RDV (create, then updates) to a regulation software. */
export class SasPlatformBot extends PeerRegulationBot {
  sendAppointment(to: string, appointment: Obj): Promise<string> {
    return this.send('RS-SAS-RDV', to, appointment);
  }
}
