import { CHANNELS, isChannel, type Channel, type ParsedRequestOf } from '../../../shared/api/contract';
import type { Envelope } from '../../../shared/api/envelope';

export type Implementation<C extends Channel = Channel> = (request: ParsedRequestOf<C>) => Envelope<unknown> | Promise<Envelope<unknown>>;
export type Implementations = { readonly [C in Channel]: Implementation<C> };

/**
 * Where each capability registers what its channels do (handlers/<capability>.ts). A channel
 * registered twice, or left without an implementation, is refused when the services start —
 * never discovered by the request that finds it missing.
 */
export class HandlerRegistry {
  private readonly implementations = new Map<Channel, Implementation>();

  method<C extends Channel>(channel: C, implementation: Implementation<C>): this {
    if (!isChannel(channel)) throw new Error(`handler registry: ${String(channel)} is not a channel of the contract`);
    if (this.implementations.has(channel)) throw new Error(`handler registry: ${channel} is implemented twice`);
    this.implementations.set(channel, implementation as Implementation);
    return this;
  }

  /** Every channel of the contract, exactly once. */
  complete(): Implementations {
    const missing = CHANNELS.filter((channel) => !this.implementations.has(channel));
    if (missing.length > 0) throw new Error(`handler registry: no implementation for ${missing.join(', ')}`);
    return Object.fromEntries(this.implementations) as Implementations;
  }
}
