import { contract, isChannel, type Channel, type ParsedRequestOf } from '../../shared/api/contract';
import { badRequestFrom, fail, ok, type Envelope } from '../../shared/api/envelope';
import { permissionFor, PERMISSIONS } from '../../shared/api/permissions';
import type { AuthService } from './auth/authService';
import type { DossierService } from './dossiers/dossierService';
import type { CallbackService } from './regulation/callbackService';
import type { RegulationService } from './regulation/regulationService';
import type { ReportService } from './regulation/reportService';
import type { AddressService } from './geo/addressService';
import { JournalError } from './journal/journalError';
import { PENDING_COUNT_CAP, type Journal } from './journal/journal';
import type { WorkstationConfig } from './config/workstationConfig';
import type { RendererMediaPort } from './telephony/rendererMediaPort';
import { attachLogged, type Softphone } from './telephony/softphone';
import type { TelephonyStatus } from '../../shared/api/telephonySchemas';
import { UNCONFIGURED_STATUS, type HubService } from './hub/hubService';
import { dossierTransmissions } from './hub/transmissions';

export interface ApiServices {
  auth: AuthService;
  dossiers: DossierService;
  regulation: RegulationService;
  callbacks: CallbackService;
  reports: ReportService;
  addresses: AddressService;
  journal: Journal;
  config: WorkstationConfig;
  /** Null when the workstation has no softphone configured. */
  telephony: Softphone | null;
  /** The renderer media bridge, when the softphone uses it (not under Node tests). */
  media: RendererMediaPort | null;
  actor: () => { id: string; role: string };
  /** Absent when the workstation has no Hub Santé configuration. */
  hub: HubService | null;
}

const NOT_CONFIGURED: Omit<TelephonyStatus, 'since'> = { state: 'offline', reason: 'notConfigured', sipCode: null, detail: null, aor: null };

type Implementations = { [C in Channel]: (request: ParsedRequestOf<C>) => Envelope<unknown> | Promise<Envelope<unknown>> };

/** About 20 ms of hashing: what one status request or one background slice may spend. */
export const CHAIN_SLICE_EVENTS = 5_000;

export type Handler = (payload: unknown) => Promise<Envelope<unknown>>;
export type HandlerTable = Readonly<Record<Channel, Handler>>;

/**
 * The handler table: the one place requests enter the services. Both transports (Electron IPC
 * and the test harness WebSocket) call exactly these functions, so validation, errors and
 * responses cannot differ between them.
 */
export function createHandlerTable(services: ApiServices): HandlerTable {
  const phone = <T>(action: (softphone: Softphone) => Envelope<T> | Promise<Envelope<T>>) =>
    services.telephony ? action(services.telephony) : fail('E_TELEPHONY_OFFLINE', 'no softphone configured on this workstation');
  const status = () => services.telephony?.getStatus() ?? { ...NOT_CONFIGURED, since: new Date().toISOString() };
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
      // Bounded, so a status request never waits for the first walk of millions of events.
      const chain = services.journal.verifyIncrementally(CHAIN_SLICE_EVENTS);
      return ok({
        path: services.journal.path,
        events: chain.events,
        lastSeq: chain.lastSeq,
        chainValid: chain.ok,
        brokenAt: chain.brokenAt,
        problem: chain.problem,
        chainComplete: chain.complete,
        pendingOutbox: services.journal.pendingOutbox(),
        pendingOutboxCap: PENDING_COUNT_CAP,
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
        autoLockMinutes: services.config.autoLockMinutes,
        sasSearch: services.config.sas,
      }),
    'call:list': () => ok({ calls: services.telephony?.list() ?? [], status: status() }),
    'call:answer': (request) => phone((p) => p.answer(request.callId)),
    'call:hangup': (request) => phone((p) => p.hangup(request.callId)),
    'call:hold': (request) => phone((p) => p.hold(request.callId)),
    'call:resume': (request) => phone((p) => p.resume(request.callId)),
    'call:dtmf': (request) => phone((p) => p.dtmf(request.callId, request.tones)),
    'call:transfer': (request) => phone((p) => p.transfer(request.callId, request.target, request.consultCallId)),
    'call:place': (request) => phone((p) => p.place(request.target, request.dossierId ?? null)),
    // A lost call is called back from its dossier even on a position whose softphone is down.
    'call:attach': (request) =>
      services.telephony ? services.telephony.attach(request.callId, request.dossierId) : attachLogged(services.journal, services.actor(), request.callId, request.dossierId),
    'call:lost': (request) => {
      const to = request.to ?? new Date(Date.now() + 60_000).toISOString();
      const from = request.from ?? new Date(Date.parse(to) - 24 * 3600_000).toISOString();
      return ok({ calls: services.journal.calls.lostCalls(new Date(from).toISOString(), new Date(to).toISOString(), request.limit) });
    },
    // No telephony section: no one to transfer to (the palette then offers no regulator).
    'call:extensions': () => ok({ regulators: services.config.telephony?.extensions.regulators ?? [] }),
    'telephony:status': () => ok(status()),
    'telephony:setPassword': (request) => phone((p) => p.setPassword(request.password)),
    'media:respond': (request) => ok({ accepted: services.media?.respond(request) ?? false }),
    'auth:status': () => services.auth.status(),
    'auth:login': (request) => services.auth.login(request),
    'auth:lock': () => services.auth.lock('manual'),
    'auth:unlock': (request) => services.auth.unlock(request),
    'auth:logout': () => services.auth.logout(),
    'operator:create': (request) => services.auth.createOperator(request, services.auth.actor()),
    'operator:list': () => services.auth.listOperators(),
    'operator:deactivate': (request) => services.auth.deactivateOperator(request, services.auth.actor()),
    'operator:resetPassword': (request) => services.auth.resetPassword(request, services.auth.actor()),
    'dossier:take': (request) => services.regulation.take(request),
    'dossier:addDecision': (request) => services.regulation.addDecision(request),
    'dossier:finish': (request) => services.regulation.finish(request),
    'dossier:validate': (request) => services.regulation.validate(request),
    'dossier:report': (request) => services.reports.report(request.dossierId),
    'dossier:reportPdf': (request) => services.reports.savePdf(request.dossierId),
    'appointment:record': (request) => services.regulation.recordAppointment(request),
    'osnp:list': () => services.regulation.osnpList(),
    'callback:list': (request) => services.callbacks.list(request),
    'callback:recordAttempt': (request) => services.callbacks.recordAttempt(request),
    'callback:request': (request) => services.callbacks.request(request),
    'hub:status': () => ok(services.hub?.status() ?? UNCONFIGURED_STATUS),
    'hub:inboxProblems': (request) => ok(services.hub?.inbox.rejected(request.limit) ?? { total: 0, messages: [] }),
    'sas:appointmentsToAttach': () => ok({ entries: services.hub?.inbox.appointmentsToAttach() ?? [] }),
    'sas:attachAppointment': (request) => {
      if (!services.journal.dossiers.get(request.dossierId)) return fail('E_NOT_FOUND', `dossier ${request.dossierId} does not exist`, 'dossierId');
      return ok({ attached: services.hub?.inbox.attachAppointment(request.appointmentId, request.dossierId, services.auth.actor()) ?? false });
    },
    'dossier:transmissions': (request) => {
      if (!services.journal.dossiers.get(request.dossierId)) return fail('E_NOT_FOUND', `dossier ${request.dossierId} does not exist`, 'dossierId');
      return ok({ transmissions: dossierTransmissions(services.journal.db, request.dossierId) });
    },
  };
  const table = {} as Record<Channel, Handler>;
  for (const channel of Object.keys(contract) as Channel[]) {
    table[channel] = (payload) => handle(services.auth, channel, implementations[channel] as (request: unknown) => Envelope<unknown> | Promise<Envelope<unknown>>, payload);
  }
  return Object.freeze(table);
}

/** Refusals that say something about who tried what: journaled, unlike a malformed request. */
const JOURNALED_REFUSALS = new Set(['E_FORBIDDEN', 'E_DOSSIER_CLOSED', 'E_INTERLOCK']);

/**
 * Every request: validated (a malformed one writes nothing), then checked against the
 * permission table (each channel's access, shared/api/channels/) for the signed-in operator, then run.
 */
async function handle(
  auth: AuthService,
  channel: Channel,
  implementation: (request: unknown) => Envelope<unknown> | Promise<Envelope<unknown>>,
  payload: unknown,
): Promise<Envelope<unknown>> {
  const spec = contract[channel];
  const parsed = spec.request.safeParse(payload ?? {});
  if (!parsed.success) return badRequestFrom(parsed.error);
  const dossierId = typeof (parsed.data as { dossierId?: unknown }).dossierId === 'string' ? (parsed.data as { dossierId: string }).dossierId : null;
  try {
    const permission = permissionFor(channel, auth.currentRole());
    if (permission === 'unauthenticated') {
      // A write tried on a locked or absent session is journaled; reads are not (screens refresh).
      if (PERMISSIONS[channel].writes) auth.recordRefusal(channel, 'E_UNAUTHENTICATED', dossierId, 'no unlocked session');
      return fail('E_UNAUTHENTICATED', `${channel}: sign in (or unlock) first`);
    }
    if (permission === 'forbidden') {
      const role = auth.currentRole();
      auth.recordRefusal(channel, 'E_FORBIDDEN', dossierId, `role ${role} may not call ${channel}`);
      return fail('E_FORBIDDEN', `${channel}: not allowed for the role ${role}`);
    }
    auth.touch();
    const result = await implementation(parsed.data);
    if (!result.ok) {
      if (JOURNALED_REFUSALS.has(result.error.code)) auth.recordRefusal(channel, result.error.code, dossierId, result.error.message);
      return result;
    }
    const checked = spec.response.safeParse(result.value);
    if (!checked.success) {
      console.error(`[api] ${channel} produced a response outside the contract`, checked.error.issues);
      return fail('E_INTERNAL', `${channel}: response does not match the contract`);
    }
    return ok(checked.data);
  } catch (error) {
    if (error instanceof JournalError) return fail(error.code, error.message);
    const code = (error as { code?: unknown })?.code;
    if (code === 'E_NOT_FOUND' || code === 'E_CONFLICT' || code === 'E_UNAUTHENTICATED') return fail(code, (error as Error).message);
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
