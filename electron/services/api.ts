import { contract, isChannel, type Channel, type ParsedRequestOf } from '../../shared/api/contract';
import { badRequestFrom, fail, ok, type Envelope } from '../../shared/api/envelope';
import type { DossierService } from './dossiers/dossierService';
import type { AddressService } from './geo/addressService';
import { JournalError } from './journal/journalError';
import type { Journal } from './journal/journal';
import type { WorkstationConfig } from './config/workstationConfig';
import { UNCONFIGURED_STATUS, type HubService } from './hub/hubService';

export interface ApiServices {
  dossiers: DossierService;
  addresses: AddressService;
  journal: Journal;
  config: WorkstationConfig;
  /** Absent when the workstation has no Hub Santé configuration. */
  hub: HubService | null;
}

type Implementations = { [C in Channel]: (request: ParsedRequestOf<C>) => Envelope<unknown> | Promise<Envelope<unknown>> };

export type Handler = (payload: unknown) => Promise<Envelope<unknown>>;
export type HandlerTable = Readonly<Record<Channel, Handler>>;

/**
 * The handler table: the one place requests enter the services. Both transports (Electron IPC
 * and the test harness WebSocket) call exactly these functions, so validation, errors and
 * responses cannot differ between them.
 */
export function createHandlerTable(services: ApiServices): HandlerTable {
  const implementations: Implementations = {
    'dossier:create': (request) => services.dossiers.create(request),
    'dossier:setPriority': (request) => services.dossiers.setPriority(request),
    'dossier:get': (request) => services.dossiers.get(request),
    'dossier:updateCaller': (request) => services.dossiers.updateCaller(request),
    'dossier:upsertPatient': (request) => services.dossiers.upsertPatient(request),
    'dossier:updateQualification': (request) => services.dossiers.updateQualification(request),
    'dossier:addNote': (request) => services.dossiers.addNote(request),
    'dossier:link': (request) => services.dossiers.link(request),
    'dossier:callerHistory': (request) => services.dossiers.callerHistory(request),
    'dossier:route': (request) => services.dossiers.route(request),
    'dossier:setLocation': (request) => services.dossiers.setLocation(request),
    'dossier:search': (request) => services.dossiers.search(request),
    'address:search': async (request) => ok(await services.addresses.search(request.query, request.limit)),
    'queue:list': (request) => services.dossiers.queue(request.queue),
    'journal:status': () => {
      const chain = services.journal.verifyIncrementally();
      return ok({
        path: services.journal.path,
        events: chain.events,
        lastSeq: chain.lastSeq,
        chainValid: chain.ok,
        brokenAt: chain.brokenAt,
        problem: chain.problem,
        pendingOutbox: services.journal.pendingOutbox(),
      });
    },
    'workstation:info': () =>
      ok({
        siteCode: services.config.siteCode,
        siteName: services.config.siteName,
        departement: services.config.departement,
        workstationId: services.config.workstationId,
        timeZone: services.config.timeZone,
        queueLimitsMinutes: services.config.queueLimitsMinutes,
      }),
    'hub:status': () => ok(services.hub?.status() ?? UNCONFIGURED_STATUS),
    'hub:inboxProblems': (request) => ok(services.hub?.inbox.rejected(request.limit) ?? { total: 0, messages: [] }),
    'sas:appointmentsToAttach': () => ok({ entries: services.hub?.inbox.appointmentsToAttach() ?? [] }),
    'sas:attachAppointment': (request) => {
      if (!services.journal.dossiers.get(request.dossierId)) return fail('E_NOT_FOUND', `dossier ${request.dossierId} does not exist`, 'dossierId');
      return ok({ attached: services.hub?.inbox.attachAppointment(request.appointmentId, request.dossierId) ?? false });
    },
  };
  const table = {} as Record<Channel, Handler>;
  for (const channel of Object.keys(contract) as Channel[]) {
    table[channel] = (payload) => handle(channel, implementations[channel] as (request: unknown) => Envelope<unknown> | Promise<Envelope<unknown>>, payload);
  }
  return Object.freeze(table);
}

async function handle(
  channel: Channel,
  implementation: (request: unknown) => Envelope<unknown> | Promise<Envelope<unknown>>,
  payload: unknown,
): Promise<Envelope<unknown>> {
  const spec = contract[channel];
  const parsed = spec.request.safeParse(payload ?? {});
  if (!parsed.success) return badRequestFrom(parsed.error);
  try {
    const result = await implementation(parsed.data);
    if (!result.ok) return result;
    const checked = spec.response.safeParse(result.value);
    if (!checked.success) {
      console.error(`[api] ${channel} produced a response outside the contract`, checked.error.issues);
      return fail('E_INTERNAL', `${channel}: response does not match the contract`);
    }
    return ok(checked.data);
  } catch (error) {
    if (error instanceof JournalError) return fail(error.code, error.message);
    const code = (error as { code?: unknown })?.code;
    if (code === 'E_NOT_FOUND' || code === 'E_CONFLICT') return fail(code, (error as Error).message);
    console.error(`[api] ${channel} failed`, error);
    return fail('E_INTERNAL', `${channel}: unexpected error`);
  }
}

/** Entry point for transports: an unknown channel is answered, never thrown. */
export function dispatch(table: HandlerTable, channel: unknown, payload: unknown): Promise<Envelope<unknown>> {
  if (!isChannel(channel)) {
    const shown = typeof channel === 'string' ? channel.slice(0, 80) : typeof channel;
    return Promise.resolve(fail('E_UNKNOWN_CHANNEL', `unknown channel ${shown}`));
  }
  return table[channel](payload);
}
