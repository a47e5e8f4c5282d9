import { z } from 'zod';
import { AGENDA_TIMEOUT_MS } from '../../../shared/domain/agendaSlots';

/** https, or plain http towards this machine only (a stand-in, a local relay). */
function isAgendaUrl(value: string): boolean {
  try {
    const url = new URL(value);
    if (url.username !== '' || url.password !== '' || url.search !== '' || url.hash !== '') return false;
    if (url.protocol === 'https:') return true;
    return url.protocol === 'http:' && (url.hostname === '127.0.0.1' || url.hostname === '[::1]' || url.hostname === 'localhost');
  } catch {
    return false;
  }
}

/**
 * The agenda software of the territory that Plateau asks for free GP slots (issue 14), as the SAS
 * platform does, through the SAS FHIR contract. IT lists them; null: no slot search on this post
 * (the OSNP keeps the INT_L01 link and manual entry).
 */
export const agendasConfigSchema = z
  .strictObject({
    endpoints: z
      .array(
        z.strictObject({
          /** Shown to the OSNP, e.g. "Agenda Doctolib Monts du Lyonnais". */
          name: z.string().trim().min(1).max(100),
          /** The FHIR base: https://host[/path] (http only towards 127.0.0.1 / ::1 / localhost), no query. */
          baseUrl: z.string().max(500).refine(isAgendaUrl, 'expected https://host[/path] (http only towards the loopback), without query or fragment'),
        }),
      )
      .min(1)
      .max(50)
      .refine((list) => new Set(list.map((e) => e.name)).size === list.length, 'each endpoint needs its own name'),
    /** RPPS numbers asked for (schedule.actor:Practitioner.identifier); empty: the agenda's own list. */
    practitioners: z.array(z.string().regex(/^\d{11}$/, 'an 11-digit RPPS number')).max(5000).default([]),
    /** The SAS contract gives an agenda 7 s; a slower one is named and left behind. */
    timeoutMs: z.number().int().min(500).max(30_000).default(AGENDA_TIMEOUT_MS),
    /** An answer larger than this is cut and refused (a 50 MB answer must not fill the memory). */
    maxAnswerBytes: z.number().int().min(10_000).max(50_000_000).default(5_000_000),
  })
  .nullable()
  .default(null);

export type AgendasConfig = NonNullable<z.output<typeof agendasConfigSchema>>;
