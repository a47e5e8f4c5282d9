import type { z } from 'zod';
import type { Access } from './access';

/**
 * One channel, declared once: its name (`domain:verb`), the function of `window.plateau` bound to
 * it, both schemas, and who may call it. CHANNELS, METHODS, the contract, the permission table and
 * the preload's surface are all derived from these rows (contract.ts).
 */
export interface ChannelDef<Name extends string = string, Method extends string = string, Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  readonly name: Name;
  readonly method: Method;
  readonly request: Req;
  readonly response: Res;
  readonly access: Access;
}

export function channel<const Name extends `${string}:${string}`, const Method extends string, Req extends z.ZodType, Res extends z.ZodType>(
  name: Name,
  spec: { method: Method; request: Req; response: Res; access: Access },
): ChannelDef<Name, Method, Req, Res> {
  return { name, ...spec };
}
