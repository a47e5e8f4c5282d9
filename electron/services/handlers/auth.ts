import type { ApiServices } from './apiServices';
import type { HandlerRegistry } from './registry';

/** Sessions and operator accounts (shared/api/channels/auth.ts). */
export function registerAuthHandlers(registry: HandlerRegistry, services: ApiServices): void {
  const { auth } = services;
  registry
    .method('auth:status', () => auth.status())
    .method('auth:login', (request) => auth.login(request))
    .method('auth:lock', () => auth.lock('manual'))
    .method('auth:unlock', (request) => auth.unlock(request))
    .method('auth:logout', () => auth.logout())
    .method('operator:create', (request) => auth.createOperator(request, auth.actor()))
    .method('operator:list', () => auth.listOperators())
    .method('operator:deactivate', (request) => auth.deactivateOperator(request, auth.actor()))
    .method('operator:resetPassword', (request) => auth.resetPassword(request, auth.actor()));
}
