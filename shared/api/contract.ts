import { slotsFoundEvent } from './orientationSchemas';
import type { z } from 'zod';
import type { Access } from './access';
import type { ChannelDef } from './channel';
import { authChannels } from './channels/auth';
import { callChannels } from './channels/call';
import { dossierChannels } from './channels/dossier';
import { hubChannels } from './channels/hub';
import { itChannels } from './channels/it';
import { orientationChannels } from './channels/orientation';
import { indicatorChannels } from './channels/indicators';
import { regulationChannels } from './channels/regulation';
import { workstationChannels } from './channels/workstation';
import { siteChannels } from './channels/site';
import { siteStatusSchema } from './roomSchemas';
import type { Envelope } from './envelope';
import { callbackChangedEvent, dossierChangedEvent, dossiersChangedEvent, queueEscalatedEvent, syncStatusSchema } from './schemas';
import { callChangedEvent, mediaRequestEvent, telephonyStatusSchema } from './telephonySchemas';
import { updateStatusSchema } from './itSchemas';

/**
 * Every request/response channel, one row each in channels/<capability>.ts. Adding a channel is
 * one row there and one implementation (electron/services/handlers/<capability>.ts); everything
 * below — names, schemas, methods of `window.plateau`, permissions — is derived from the rows.
 */
const DEFINITIONS = [...dossierChannels, ...workstationChannels, ...callChannels, ...authChannels, ...regulationChannels, ...hubChannels, ...itChannels, ...orientationChannels, ...indicatorChannels, ...siteChannels] as const;

type Definition = (typeof DEFINITIONS)[number];
export type Channel = Definition['name'];
type DefinitionOf = { [D in Definition as D['name']]: D };

/** Two rows with one name (or one method) would make one of them unreachable: refused at load. */
export function checkedDefinitions(definitions: readonly ChannelDef[]): readonly ChannelDef[] {
  for (const key of ['name', 'method'] as const) {
    const seen = new Set<string>();
    for (const definition of definitions) {
      if (seen.has(definition[key])) throw new Error(`contract: two channels declare the ${key} ${definition[key]}`);
      seen.add(definition[key]);
    }
  }
  return definitions;
}
const definitions = checkedDefinitions(DEFINITIONS);

/** Request/response channels, `domain:verb`. */
export const CHANNELS: readonly Channel[] = definitions.map((d) => d.name as Channel);

export interface ChannelSpec {
  request: z.ZodType;
  response: z.ZodType;
}

export const contract = Object.fromEntries(definitions.map((d) => [d.name, { request: d.request, response: d.response }])) as {
  readonly [C in Channel]: { readonly request: DefinitionOf[C]['request']; readonly response: DefinitionOf[C]['response'] };
};

/** Who may call what (checked by the handler table; see access.ts and permissions.ts). */
export const PERMISSIONS = Object.fromEntries(definitions.map((d) => [d.name, d.access])) as { readonly [C in Channel]: Access };

/** The named functions of `window.plateau`, each bound to one channel. */
export const METHODS = Object.fromEntries(definitions.map((d) => [d.method, d.name])) as { readonly [D in Definition as D['method']]: D['name'] };

/** Events pushed from the services to the renderer. */
export const EVENTS = ['dossier:changed', 'dossiers:changed', 'call:changed', 'telephony:status', 'media:request', 'callback:changed', 'hub:status', 'update:status', 'site:status', 'slots:found', 'queue:escalated'] as const;
export type EventChannel = (typeof EVENTS)[number];

export const eventContract = {
  'dossier:changed': dossierChangedEvent,
  'dossiers:changed': dossiersChangedEvent,
  'call:changed': callChangedEvent,
  'telephony:status': telephonyStatusSchema,
  'media:request': mediaRequestEvent,
  'callback:changed': callbackChangedEvent,
  'hub:status': syncStatusSchema,
  'update:status': updateStatusSchema,
  'site:status': siteStatusSchema,
  'slots:found': slotsFoundEvent,
  'queue:escalated': queueEscalatedEvent,
} satisfies Record<EventChannel, z.ZodType>;

export const LISTENERS = {
  onDossierChanged: 'dossier:changed',
  onDossiersChanged: 'dossiers:changed',
  onCallChanged: 'call:changed',
  onTelephonyStatus: 'telephony:status',
  onMediaRequest: 'media:request',
  onCallbackChanged: 'callback:changed',
  onHubStatus: 'hub:status',
  onUpdateStatus: 'update:status',
  onSiteStatus: 'site:status',
  onSlotsFound: 'slots:found',
  onQueueEscalated: 'queue:escalated',
} as const satisfies Record<`on${string}`, EventChannel>;

export type RequestOf<C extends Channel> = z.input<(typeof contract)[C]['request']>;
export type ParsedRequestOf<C extends Channel> = z.output<(typeof contract)[C]['request']>;
export type ResponseOf<C extends Channel> = z.output<(typeof contract)[C]['response']>;
export type EventOf<E extends EventChannel> = z.output<(typeof eventContract)[E]>;

export type Unsubscribe = () => void;

export type PlateauApi = {
  readonly [M in keyof typeof METHODS]: (
    request: RequestOf<(typeof METHODS)[M]>,
  ) => Promise<Envelope<ResponseOf<(typeof METHODS)[M]>>>;
} & {
  readonly [L in keyof typeof LISTENERS]: (listener: (event: EventOf<(typeof LISTENERS)[L]>) => void) => Unsubscribe;
};

const CHANNEL_SET: ReadonlySet<string> = new Set(CHANNELS);

export function isChannel(value: unknown): value is Channel {
  return typeof value === 'string' && CHANNEL_SET.has(value);
}
