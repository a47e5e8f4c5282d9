import { fail, ok, type Envelope } from '../../../shared/api/envelope';
import type { AuthStatus } from '../auth/authService';
import type { ApiServices } from './apiServices';
import type { HandlerRegistry } from './registry';

/** Sessions, Pro Santé Connect sign-in and operator accounts (shared/api/channels/auth.ts). */
export function registerAuthHandlers(registry: HandlerRegistry, services: ApiServices): void {
  const { auth } = services;
  const psc = services.psc ?? null;
  const pscInfo = { available: psc !== null, requiredForDecisions: psc?.requiredForDecisions ?? false };
  // Every answer about the session also says whether PSC is offered here (the screens show it).
  const withPsc = async (result: Envelope<AuthStatus> | Promise<Envelope<AuthStatus>>): Promise<Envelope<AuthStatus & { psc: typeof pscInfo }>> => {
    const envelope = await result;
    return envelope.ok ? ok({ ...envelope.value, psc: pscInfo }) : envelope;
  };
  const noPsc = () => fail('E_UNAVAILABLE', 'Pro Santé Connect is not configured on this workstation');
  registry
    .method('auth:status', () => withPsc(auth.status()))
    .method('auth:login', (request) => withPsc(auth.login(request)))
    .method('auth:lock', () => withPsc(auth.lock('manual')))
    .method('auth:unlock', (request) => withPsc(auth.unlock(request)))
    .method('auth:logout', () => withPsc(auth.logout()))
    .method('auth:pscStart', (request) => (psc ? psc.start(request) : noPsc()))
    .method('auth:pscComplete', (request) => (psc ? withPsc(psc.complete(request.attemptId)) : noPsc()))
    .method('auth:pscCancel', (request) => (psc ? psc.cancel(request.attemptId) : noPsc()))
    .method('psc:setCredential', (request) => (psc ? psc.setCredential(request.kind, request.value) : noPsc()))
    .method('operator:create', (request) => auth.createOperator(request, auth.actor()))
    .method('operator:list', () => auth.listOperators())
    .method('operator:names', () => auth.operatorNames())
    .method('operator:deactivate', (request) => auth.deactivateOperator(request, auth.actor()))
    .method('operator:resetPassword', (request) => auth.resetPassword(request, auth.actor()));
}
