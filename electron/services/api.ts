import { contract, isChannel, type Channel } from '../../shared/api/contract';
import { controlCharacterProblem, findControlCharacter } from '../../shared/api/controlCharacters';
import { badRequestFrom, fail, ok, type Envelope } from '../../shared/api/envelope';
import { permissionFor, PERMISSIONS } from '../../shared/api/permissions';
import type { AuthService } from './auth/authService';
import { JournalError } from './journal/journalError';
import type { ApiServices } from './handlers/apiServices';
import { registerAuthHandlers } from './handlers/auth';
import { registerCallHandlers } from './handlers/call';
import { registerDossierHandlers } from './handlers/dossier';
import { registerHubHandlers } from './handlers/hub';
import { registerItHandlers } from './handlers/it';
import { registerIndicatorHandlers } from './handlers/indicators';
import { HandlerRegistry, type Implementations } from './handlers/registry';
import { registerRegulationHandlers } from './handlers/regulation';
import { registerOrientationHandlers } from './handlers/orientation';
import { registerWorkstationHandlers } from './handlers/workstation';
import { registerSiteHandlers } from './handlers/site';

export type { ApiServices } from './handlers/apiServices';
export { CHAIN_SLICE_EVENTS } from './handlers/workstation';

export type Handler = (payload: unknown) => Promise<Envelope<unknown>>;
export type HandlerTable = Readonly<Record<Channel, Handler>>;

/** Each capability registers its channels; the registry refuses a duplicate and a missing one. */
export function registerAllHandlers(registry: HandlerRegistry, services: ApiServices): Implementations {
  registerDossierHandlers(registry, services);
  registerWorkstationHandlers(registry, services);
  registerSiteHandlers(registry, services);
  registerCallHandlers(registry, services);
  registerAuthHandlers(registry, services);
  registerRegulationHandlers(registry, services);
  registerOrientationHandlers(registry, services);
  registerHubHandlers(registry, services);
  registerItHandlers(registry, services);
  registerIndicatorHandlers(registry, services);
  return registry.complete();
}

/**
 * The handler table: the one place requests enter the services. Both transports (Electron IPC
 * and the test harness WebSocket) call exactly these functions, so validation, errors and
 * responses cannot differ between them.
 */
export function createHandlerTable(services: ApiServices): HandlerTable {
  const implementations = registerAllHandlers(new HandlerRegistry(), services);
  const table = {} as Record<Channel, Handler>;
  for (const channel of Object.keys(contract) as Channel[]) {
    table[channel] = (payload) => handle(services.auth, channel, implementations[channel] as (request: unknown) => Envelope<unknown> | Promise<Envelope<unknown>>, payload);
  }
  return Object.freeze(table);
}

/** Refusals that say something about who tried what: journaled, unlike a malformed request. */
const JOURNALED_REFUSALS = new Set(['E_FORBIDDEN', 'E_DOSSIER_CLOSED', 'E_INTERLOCK', 'E_PSC_REQUIRED']);

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
  // One check for every text of every request: a NUL taken here could never reach the room's log.
  const control = findControlCharacter(payload);
  if (control) return fail('E_MALFORMED', `${channel}: ${controlCharacterProblem(control)}`, control.path || undefined);
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
