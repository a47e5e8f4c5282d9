import { z } from 'zod';
import { ERROR_CODES, type ErrorCode } from './errors';

export const apiErrorSchema = z.strictObject({
  code: z.enum(ERROR_CODES),
  message: z.string().max(4000),
  /** Dotted path of the offending request field, when there is one. */
  field: z.string().max(200).optional(),
});
export type ApiError = z.infer<typeof apiErrorSchema>;

/** Every response crossing a process boundary is one of these; no exception crosses IPC. */
export type Envelope<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export function ok<T>(value: T): Envelope<T> {
  return { ok: true, value };
}

export function fail(code: ErrorCode, message: string, field?: string): Envelope<never> {
  return field === undefined ? { ok: false, error: { code, message } } : { ok: false, error: { code, message, field } };
}

export function envelopeSchema<T extends z.ZodType>(value: T) {
  return z.discriminatedUnion('ok', [
    z.strictObject({ ok: z.literal(true), value }),
    z.strictObject({ ok: z.literal(false), error: apiErrorSchema }),
  ]);
}

/** Turns a zod failure into E_BAD_REQUEST naming the first offending field. */
export function badRequestFrom(error: z.ZodError): Envelope<never> {
  const first = error.issues[0];
  const path = first ? formatPath(first.path, first) : '';
  const text = error.issues
    .slice(0, 5)
    .map((issue) => `${formatPath(issue.path, issue) || '(request)'}: ${issue.message}`)
    .join('; ');
  return fail('E_BAD_REQUEST', text, path || undefined);
}

function formatPath(path: ReadonlyArray<PropertyKey>, issue: z.core.$ZodIssue): string {
  const parts = path.map(String);
  // An unknown key is reported on its parent; name the key itself so the message points at it.
  if (issue.code === 'unrecognized_keys' && issue.keys.length > 0) parts.push(issue.keys[0]!);
  return parts.join('.');
}
