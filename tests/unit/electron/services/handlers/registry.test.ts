import { describe, expect, it } from 'vitest';
import { CHANNELS, type Channel } from '../../../../../shared/api/contract';
import { ok } from '../../../../../shared/api/envelope';
import { registerAllHandlers } from '../../../../../electron/services/api';
import type { ApiServices } from '../../../../../electron/services/handlers/apiServices';
import { HandlerRegistry } from '../../../../../electron/services/handlers/registry';

const noop = () => ok(null);

describe('handler registry', () => {
  it('refuses a channel implemented twice', () => {
    const registry = new HandlerRegistry().method('dossier:get', noop);
    expect(() => registry.method('dossier:get', noop)).toThrow(/dossier:get is implemented twice/);
  });

  it('refuses a name that is not a channel of the contract', () => {
    expect(() => new HandlerRegistry().method('dossier:drop' as Channel, noop)).toThrow(/dossier:drop is not a channel/);
  });

  it('refuses to start with a channel left without implementation, and names it', () => {
    const registry = new HandlerRegistry();
    for (const channel of CHANNELS.filter((c) => c !== 'call:attach' && c !== 'hub:status')) registry.method(channel, noop);
    expect(() => registry.complete()).toThrow(/no implementation for call:attach, hub:status/);
    registry.method('call:attach', noop).method('hub:status', noop);
    expect(Object.keys(registry.complete()).sort()).toEqual([...CHANNELS].sort());
  });

  it('gets exactly one implementation per channel from the capabilities (registering them twice fails)', () => {
    // Registration only binds closures: no service is called, so none needs to exist here.
    const services = {} as ApiServices;
    const registry = new HandlerRegistry();
    expect(Object.keys(registerAllHandlers(registry, services)).sort()).toEqual([...CHANNELS].sort());
    expect(() => registerAllHandlers(registry, services)).toThrow(/implemented twice/);
  });
});
