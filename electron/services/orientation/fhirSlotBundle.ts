import { z } from 'zod';
import type { ConsultationType, FreeSlot, SlotVisibility } from '../../../shared/domain/agendaSlots';
import { RPPS_OID } from '../../../shared/domain/agendaSlots';

/**
 * An agenda's answer to the SAS slot search: a FHIR R4 searchset Bundle of Slot (FrSlotAgregateur)
 * with its Schedule (FrScheduleAgregateur) and the schedule's actors, Practitioner
 * (FrPractitionerAgregateur) and PractitionerRole (FrPractitionerRoleExerciceAgregateur, its
 * place a contained FrLocationAgregateur). Read with zod, field by field: what the profiles do not
 * describe is ignored and counted, a slot whose schedule or practitioner cannot be resolved is
 * left out and counted, anything that is not such a Bundle is a clear problem.
 */

const text = z.string().max(2000);
const reference = z.object({ reference: text.optional() });
const coding = z.object({ system: text.optional(), code: text.optional() });
const concept = z.object({ coding: z.array(coding).max(50).optional(), text: text.optional() });

const slotSchema = z.object({
  resourceType: z.literal('Slot'),
  id: text,
  meta: z.object({ security: z.array(coding).max(20).optional() }).optional(),
  serviceType: z.array(concept).max(20).optional(),
  specialty: z.array(concept).max(20).optional(),
  schedule: reference,
  status: text,
  start: z.iso.datetime({ offset: true }),
  end: z.iso.datetime({ offset: true }).optional(),
  comment: text.optional(),
});
const scheduleSchema = z.object({ resourceType: z.literal('Schedule'), id: text, actor: z.array(reference).max(20) });
const practitionerSchema = z.object({
  resourceType: z.literal('Practitioner'),
  id: text,
  identifier: z.array(z.object({ system: text.optional(), value: text.optional() })).max(20).optional(),
  name: z.array(z.object({ family: text.optional(), given: z.array(text).max(10).optional(), prefix: z.array(text).max(5).optional() })).max(10).optional(),
});
const locationSchema = z.object({
  resourceType: z.literal('Location'),
  id: text.optional(),
  name: text.optional(),
  address: z.object({ line: z.array(text).max(5).optional(), city: text.optional(), postalCode: text.optional() }).optional(),
  position: z.object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180) }).optional(),
});
const roleSchema = z.object({
  resourceType: z.literal('PractitionerRole'),
  id: text,
  practitioner: reference.optional(),
  location: z.array(reference).max(10).optional(),
  contained: z.array(z.unknown()).max(20).optional(),
  telecom: z.array(z.object({ system: text.optional(), value: text.optional() })).max(10).optional(),
});
const outcomeSchema = z.object({
  resourceType: z.literal('OperationOutcome'),
  issue: z.array(z.object({ severity: text.optional(), code: text.optional(), diagnostics: text.optional(), details: z.object({ text: text.optional() }).optional() })).max(50),
});
const bundleSchema = z.object({
  resourceType: z.literal('Bundle'),
  type: z.literal('searchset'),
  entry: z.array(z.object({ fullUrl: text.optional(), resource: z.object({ resourceType: text }).loose() })).max(20_000).optional(),
});

type Slot = z.output<typeof slotSchema>;
type Practitioner = z.output<typeof practitionerSchema>;
type Role = z.output<typeof roleSchema>;
type Location = z.output<typeof locationSchema>;

export type BundleReading =
  | { ok: true; slots: FreeSlot[]; ignored: number; incomplete: number }
  | { ok: false; problem: 'notJson' | 'notFhir' | 'operationOutcome' | 'notSearchset'; detail: string };

const VISIBILITY: ReadonlySet<string> = new Set(['PUBLIC', 'PRO', 'SNP']);
const CONSULTATION: ReadonlySet<string> = new Set(['AMB', 'HH', 'VR']);

/** Reads an answer's text (already bounded by the caller). */
export function readSlotBundle(body: string, endpoint: string): BundleReading {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, problem: 'notJson', detail: body.slice(0, 120).replace(/\s+/g, ' ') };
  }
  const outcome = outcomeSchema.safeParse(json);
  if (outcome.success) {
    return { ok: false, problem: 'operationOutcome', detail: outcome.data.issue.map((i) => [i.severity, i.code, i.details?.text ?? i.diagnostics].filter(Boolean).join(' ')).join(' ; ').slice(0, 500) };
  }
  const bundle = bundleSchema.safeParse(json);
  if (!bundle.success) {
    const type = (json as { resourceType?: unknown; type?: unknown } | null)?.resourceType;
    return type === 'Bundle' ? { ok: false, problem: 'notSearchset', detail: String((json as { type?: unknown }).type).slice(0, 60) } : { ok: false, problem: 'notFhir', detail: z.prettifyError(bundle.error).slice(0, 300) };
  }

  const byRef = new Map<string, { kind: string; value: unknown }>();
  const slots: Slot[] = [];
  let ignored = 0;
  for (const entry of bundle.data.entry ?? []) {
    const resource = entry.resource;
    const parsed =
      resource.resourceType === 'Slot' ? slotSchema.safeParse(resource)
      : resource.resourceType === 'Schedule' ? scheduleSchema.safeParse(resource)
      : resource.resourceType === 'Practitioner' ? practitionerSchema.safeParse(resource)
      : resource.resourceType === 'PractitionerRole' ? roleSchema.safeParse(resource)
      : null;
    if (!parsed || !parsed.success) {
      ignored += 1;
      continue;
    }
    const value = parsed.data as { resourceType: string; id: string };
    if (value.resourceType === 'Slot') slots.push(value as Slot);
    byRef.set(`${value.resourceType}/${value.id}`, { kind: value.resourceType, value });
    if (entry.fullUrl) byRef.set(entry.fullUrl, { kind: value.resourceType, value });
  }
  const resolve = <T>(ref: string | undefined, kind: string): T | null => {
    if (!ref) return null;
    const hit = byRef.get(ref) ?? byRef.get(ref.split('/').slice(-2).join('/'));
    return hit && hit.kind === kind ? (hit.value as T) : null;
  };

  const free: FreeSlot[] = [];
  let incomplete = 0;
  for (const slot of slots) {
    if (slot.status !== 'free') continue;
    const schedule = resolve<{ actor: Array<{ reference?: string }> }>(slot.schedule.reference, 'Schedule');
    const actors = schedule?.actor.map((a) => a.reference) ?? [];
    const role = actors.map((r) => resolve<Role>(r, 'PractitionerRole')).find((r) => r !== null) ?? null;
    const practitioner = actors.map((r) => resolve<Practitioner>(r, 'Practitioner')).find((p) => p !== null) ?? resolve<Practitioner>(role?.practitioner?.reference, 'Practitioner');
    if (!schedule || !practitioner) {
      incomplete += 1;
      continue;
    }
    const location = role ? containedLocation(role) : null;
    const name = practitioner.name?.[0];
    const codes = (concepts: Slot['serviceType']) => (concepts ?? []).flatMap((c) => c.coding ?? []).map((c) => c.code ?? '');
    free.push({
      endpoint,
      slotId: slot.id,
      start: new Date(slot.start).toISOString(),
      end: slot.end ? new Date(slot.end).toISOString() : null,
      practitioner: [name?.prefix?.join(' '), name?.given?.join(' '), name?.family].filter(Boolean).join(' ') || 'praticien non nommé',
      rpps: practitioner.identifier?.find((i) => i.system === RPPS_OID || i.system === undefined)?.value ?? null,
      specialties: codes(slot.specialty).filter(Boolean),
      place: location ? [location.name, location.address?.line?.join(' '), [location.address?.postalCode, location.address?.city].filter(Boolean).join(' ')].filter(Boolean).join(', ') : 'lieu non précisé',
      phone: role?.telecom?.find((t) => t.system === 'phone')?.value ?? null,
      lat: location?.position?.latitude ?? null,
      lon: location?.position?.longitude ?? null,
      visibility: (slot.meta?.security ?? []).map((c) => c.code ?? '').filter((c): c is SlotVisibility => VISIBILITY.has(c)),
      consultation: codes(slot.serviceType).filter((c): c is ConsultationType => CONSULTATION.has(c)),
      bookingUrl: httpsUrl(slot.comment),
    });
  }
  return { ok: true, slots: free, ignored, incomplete };
}

/** The PractitionerRole's place: its `location` reference to one of its contained resources. */
function containedLocation(role: Role): Location | null {
  const wanted = role.location?.[0]?.reference?.replace(/^#/, '');
  for (const item of role.contained ?? []) {
    const parsed = locationSchema.safeParse(item);
    if (parsed.success && (!wanted || parsed.data.id === wanted)) return parsed.data;
  }
  return null;
}

/** Only an https page is opened outside the app (a javascript: or http: "URL" is dropped). */
function httpsUrl(value: string | undefined): string | null {
  if (!value) return null;
  try {
    const url = new URL(value.trim());
    return url.protocol === 'https:' && url.username === '' && url.password === '' ? url.href : null;
  } catch {
    return null;
  }
}
