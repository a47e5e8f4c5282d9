import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A stand-in for the agenda software the SAS platform asks for free slots (issue 14): HTTP on
 * 127.0.0.1, one path per endpoint, answering `GET <name>/fhir/Slot?...` with searchset Bundles
 * built as the SAS implementation guide's examples are (ExampleBundlePSIndiv: FrSlotAgregateur,
 * FrScheduleAgregateur, FrPractitionerAgregateur, FrPractitionerRoleExerciceAgregateur with a
 * contained FrLocationAgregateur) — or misbehaving as agendas do: slow, an OperationOutcome, an
 * HTML error page, JSON that is not FHIR, a 50 MB answer, unknown resources, no coordinates.
 */

export interface StandInSlot {
  id: string;
  start: string;
  end: string;
  visibility?: 'PUBLIC' | 'PRO' | 'SNP';
  consultation?: Array<'AMB' | 'HH' | 'VR'>;
  bookingUrl?: string;
}

export interface StandInPractitioner {
  /** IDNPS: "8" + the 11-digit RPPS number. */
  idnps: string;
  family: string;
  given: string;
  place: { name?: string; line: string; city: string; postalCode: string; lat?: number; lon?: number };
  phone?: string;
  slots: StandInSlot[];
}

export type StandInBehaviour =
  /** cacheBody: serialise the Bundle once (its self link is the first request's): the bench measures Plateau, not the stand-in. */
  | { kind: 'bundle'; practitioners: StandInPractitioner[]; delayMs?: number; extraEntries?: unknown[]; cacheBody?: boolean }
  | { kind: 'outcome'; status: number; text: string }
  | { kind: 'html'; status: number }
  | { kind: 'notFhir' }
  | { kind: 'huge'; megabytes: number };

const TRE_R314 = 'https://mos.esante.gouv.fr/NOS/TRE_R314-TypeCreneau/FHIR/TRE-R314-TypeCreneau';
const TRE_R38 = 'https://mos.esante.gouv.fr/NOS/TRE_R38-SpecialiteOrdinale/FHIR/TRE-R38-SpecialiteOrdinale';
const ACT_CODE = 'http://terminology.hl7.org/CodeSystem/v3-ActCode';

/** A searchset Bundle shaped as the guide's ExampleBundlePSIndiv. */
export function sasSlotBundle(selfUrl: string, practitioners: readonly StandInPractitioner[], extraEntries: readonly unknown[] = []): Record<string, unknown> {
  const base = selfUrl.split('/Slot?')[0];
  const entry: unknown[] = [];
  for (const [i, p] of practitioners.entries()) {
    const ids = { practitioner: `pract-${i}`, role: `role-${i}`, schedule: `sched-${i}` };
    for (const slot of p.slots) {
      entry.push({
        fullUrl: `${base}/Slot/${slot.id}`,
        resource: {
          resourceType: 'Slot',
          id: slot.id,
          meta: { profile: ['http://sas.fr/fhir/StructureDefinition/FrSlotAgregateur'], security: [{ system: TRE_R314, code: slot.visibility ?? 'PUBLIC' }] },
          serviceType: (slot.consultation ?? ['AMB']).map((code) => ({ coding: [{ system: ACT_CODE, code }] })),
          specialty: [{ coding: [{ system: TRE_R38, code: 'SM54' }], text: 'Médecine générale' }],
          appointmentType: { coding: [{ system: 'http://terminology.hl7.org/CodeSystem/v2-0276', code: 'ROUTINE' }] },
          schedule: { reference: `Schedule/${ids.schedule}` },
          status: 'free',
          start: slot.start,
          end: slot.end,
          ...(slot.bookingUrl ? { comment: slot.bookingUrl } : {}),
        },
        search: { mode: 'match' },
      });
    }
    entry.push(
      { fullUrl: `${base}/Schedule/${ids.schedule}`, resource: { resourceType: 'Schedule', id: ids.schedule, meta: { profile: ['http://sas.fr/fhir/StructureDefinition/FrScheduleAgregateur'] }, actor: [{ reference: `Practitioner/${ids.practitioner}` }, { reference: `PractitionerRole/${ids.role}` }] }, search: { mode: 'include' } },
      {
        fullUrl: `${base}/Practitioner/${ids.practitioner}`,
        resource: {
          resourceType: 'Practitioner',
          id: ids.practitioner,
          meta: { profile: ['http://sas.fr/fhir/StructureDefinition/FrPractitionerAgregateur'] },
          identifier: [{ type: { coding: [{ system: 'http://interopsante.org/fhir/CodeSystem/fr-v2-0203', code: 'IDNPS' }] }, system: 'urn:oid:1.2.250.1.71.4.2.1', value: p.idnps }],
          name: [{ family: p.family, given: [p.given] }],
        },
        search: { mode: 'include' },
      },
      {
        fullUrl: `${base}/PractitionerRole/${ids.role}`,
        resource: {
          resourceType: 'PractitionerRole',
          id: ids.role,
          meta: { profile: ['http://sas.fr/fhir/StructureDefinition/FrPractitionerRoleExerciceAgregateur'] },
          contained: [
            {
              resourceType: 'Location',
              id: 'loc',
              identifier: [{ system: 'https://editeur.example', value: `L${i}` }],
              ...(p.place.name ? { name: p.place.name } : {}),
              address: { line: [p.place.line], city: p.place.city, postalCode: p.place.postalCode },
              ...(p.place.lat !== undefined && p.place.lon !== undefined ? { position: { latitude: p.place.lat, longitude: p.place.lon } } : {}),
            },
          ],
          practitioner: { reference: `Practitioner/${ids.practitioner}` },
          organization: { identifier: { system: 'urn:oid:1.2.250.1.71.4.2.2', value: '412345678912345' } },
          location: [{ reference: '#loc' }],
          ...(p.phone ? { telecom: [{ system: 'phone', value: p.phone }] } : {}),
        },
        search: { mode: 'include' },
      },
    );
  }
  entry.push(...extraEntries);
  return { resourceType: 'Bundle', type: 'searchset', total: practitioners.reduce((n, p) => n + p.slots.length, 0), link: [{ relation: 'self', url: selfUrl }], entry };
}

export interface AgendaStandIn {
  /** The FHIR base of the endpoint named so. */
  baseUrl(name: string): string;
  set(name: string, behaviour: StandInBehaviour): void;
  /** What each endpoint was asked (path and query, Accept header). */
  readonly requests: Array<{ endpoint: string; url: string; accept: string | undefined }>;
  close(): Promise<void>;
}

export async function startAgendaStandIn(behaviours: Record<string, StandInBehaviour> = {}): Promise<AgendaStandIn> {
  const table = new Map(Object.entries(behaviours));
  const requests: AgendaStandIn['requests'] = [];
  const server: Server = createServer((req, res) => void answer(req, res));
  const timers = new Set<NodeJS.Timeout>();
  const cached = new Map<string, string>();

  async function answer(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const name = decodeURIComponent(url.pathname.split('/')[1] ?? '');
    requests.push({ endpoint: name, url: `${url.pathname}${url.search}`, accept: req.headers.accept });
    const behaviour = table.get(name);
    if (!behaviour || !url.pathname.endsWith('/fhir/Slot')) return void res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
    switch (behaviour.kind) {
      case 'bundle': {
        if (behaviour.delayMs) await new Promise<void>((resolve) => timers.add(setTimeout(resolve, behaviour.delayMs)));
        if (res.destroyed) return;
        const self = `http://127.0.0.1:${port}${url.pathname}${url.search}`;
        const body = (behaviour.cacheBody && cached.get(name)) || JSON.stringify(sasSlotBundle(self, behaviour.practitioners, behaviour.extraEntries));
        if (behaviour.cacheBody) cached.set(name, body);
        return void res.writeHead(200, { 'content-type': 'application/fhir+json' }).end(body);
      }
      case 'outcome':
        return void res.writeHead(behaviour.status, { 'content-type': 'application/fhir+json' }).end(JSON.stringify({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'processing', details: { text: behaviour.text } }] }));
      case 'html':
        return void res.writeHead(behaviour.status, { 'content-type': 'text/html' }).end('<!doctype html><html><body><h1>503 Service Unavailable</h1><p>nginx</p></body></html>');
      case 'notFhir':
        return void res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ slots: [{ when: 'demain 9h' }] }));
      case 'huge': {
        // Streamed without a length, as a runaway server would: the reader must stop by itself.
        res.writeHead(200, { 'content-type': 'application/fhir+json' });
        const chunk = Buffer.alloc(1024 * 1024, 0x20);
        res.write('{"resourceType":"Bundle","type":"searchset","entry":[');
        for (let i = 0; i < behaviour.megabytes && !res.destroyed; i++) {
          if (!res.write(chunk)) await new Promise<void>((resolve) => res.once('drain', resolve).once('close', resolve));
        }
        return void res.end(']}');
      }
    }
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    baseUrl: (name) => `http://127.0.0.1:${port}/${encodeURIComponent(name)}/fhir`,
    set: (name, behaviour) => void table.set(name, behaviour),
    requests,
    close: async () => {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
