import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../../electron/services/api';
import { createServices, type Services } from '../../../electron/services/composition';
import { agendasConfigSchema } from '../../../electron/services/orientation/agendaConfig';
import type { EventOf } from '../../../shared/api/contract';
import type { Dossier } from '../../../shared/domain/dossier';
import { startAgendaStandIn, type AgendaStandIn, type StandInPractitioner } from '../../support/agendaStandIn';
import { signIn, TEST_SCRYPT } from '../../support/operators';
import { makeTempDir } from '../../support/tempDir';
import { testConfig } from '../../support/testConfig';

type Found = EventOf<'slots:found'>;

/** Sunday 6 December 2026, 23:40 in Lyon: slots are searched from now to Tuesday 23:40. */
const clock = Date.parse('2026-12-06T22:40:00.000Z');
const at = (hoursFromNow: number) => new Date(clock + hoursFromNow * 3_600_000).toISOString();

const brussieu: StandInPractitioner = {
  idnps: '810002909371',
  family: 'Foret',
  given: 'Pierre',
  place: { name: 'Cabinet du Vieux Bourg', line: '12 rue de la Mairie', city: 'Brussieu', postalCode: '69690', lat: 45.7458, lon: 4.5335 },
  phone: '+33478450000',
  slots: [
    { id: 'foret-1', start: at(10), end: at(10.5), bookingUrl: 'https://agenda-a.example/rdv/foret-1' },
    { id: 'foret-far', start: at(60), end: at(60.5), bookingUrl: 'https://agenda-a.example/rdv/foret-far' },
  ],
};
const bessenay: StandInPractitioner = {
  idnps: '810100050075',
  family: 'Martin',
  given: 'Claire',
  place: { line: '8 Grande Rue', city: 'Bessenay', postalCode: '69690', lat: 45.7772, lon: 4.5539 },
  slots: [
    { id: 'martin-1', start: at(10), end: at(10.25), visibility: 'SNP', consultation: ['AMB', 'VR'], bookingUrl: 'javascript:alert(1)' },
    { id: 'martin-2', start: at(5), end: at(5.25), visibility: 'PRO', consultation: ['HH'] },
  ],
};
const nowhere: StandInPractitioner = { idnps: '810000000019', family: 'Sans', given: 'Position', place: { line: '1 rue du Pont', city: 'L Arbresle', postalCode: '69210' }, slots: [{ id: 'sans-1', start: at(10), end: at(10.5) }] };

describe('free GP slots within 48 h across the agenda endpoints (SAS FHIR contract)', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let services: Services;
  let standIn: AgendaStandIn;
  let dossier: Dossier;
  const found: Found[] = [];

  beforeAll(async () => {
    standIn = await startAgendaStandIn({
      'Agenda A': { kind: 'bundle', practitioners: [brussieu, bessenay] },
      // Unknown resources, a slot whose schedule is missing, a place without coordinates.
      'Agenda B': { kind: 'bundle', practitioners: [nowhere], extraEntries: [{ resource: { resourceType: 'Observation', id: 'x' } }, { resource: { resourceType: 'Slot', id: 'orphan', schedule: { reference: 'Schedule/none' }, status: 'free', start: at(3) } }, { resource: { resourceType: 'Slot', id: 'bad-date', schedule: { reference: 'Schedule/sched-0' }, status: 'free', start: 'demain' } }] },
      'Agenda lent': { kind: 'bundle', practitioners: [brussieu], delayMs: 8000 },
      'Agenda OO': { kind: 'outcome', status: 400, text: 'Paramètre schedule.actor inconnu' },
      'Agenda HTML': { kind: 'html', status: 503 },
      'Agenda JSON': { kind: 'notFhir' },
      'Agenda 50 Mo': { kind: 'huge', megabytes: 50 },
    });
    const names = ['Agenda A', 'Agenda B', 'Agenda lent', 'Agenda OO', 'Agenda HTML', 'Agenda JSON', 'Agenda 50 Mo'];
    dir = makeTempDir();
    const agendas = agendasConfigSchema.parse({ endpoints: names.map((name) => ({ name, baseUrl: standIn.baseUrl(name) })), practitioners: ['10000290937', '11010005007'], timeoutMs: 1500 });
    services = createServices(testConfig(dir.path, { autoLockMinutes: 240, agendas }), { now: () => clock, scryptParams: TEST_SCRYPT });
    services.events.subscribe((channel, payload) => channel === 'slots:found' && found.push(payload as Found));
    await signIn(services, 'ARM');
    const created = await dispatch(services.api, 'dossier:create', { callerPhone: '06 12 34 56 78', motive: 'Fièvre, pas de médecin traitant', priority: 'P2' });
    if (!created.ok) throw new Error(created.error.message);
    dossier = created.value as Dossier;
    const address = { label: 'Route de la Vallée 69690 Brussieu', houseNumber: null, street: 'Route de la Vallée', postcode: '69690', city: 'Brussieu', inseeCode: '69027', lat: 45.7461, lon: 4.5301, precision: 'RUE' };
    const located = await dispatch(services.api, 'dossier:setLocation', { dossierId: dossier.id, address, source: 'OFFLINE' });
    if (!located.ok) throw new Error(located.error.message);
    await signIn(services, 'OSNP');
  }, 30_000);
  afterAll(async () => {
    services.close();
    await standIn.close();
    dir.cleanup();
  });

  it('asks every endpoint at once with the exact SAS query, and each one answers on its own as it comes', async () => {
    const started = Date.now();
    const answer = await dispatch(services.api, 'slots:search', { dossierId: dossier.id });
    expect(answer).toMatchObject({ ok: true, value: { from: '2026-12-06T22:40:00.000Z', to: '2026-12-08T22:40:00.000Z', located: true, endpoints: ['Agenda A', 'Agenda B', 'Agenda lent', 'Agenda OO', 'Agenda HTML', 'Agenda JSON', 'Agenda 50 Mo'] } });
    const { searchId } = (answer as { value: { searchId: string } }).value;
    await services.slots.settled(searchId);
    // The slow agenda (8 s) is given up at the limit; nobody waited for it.
    expect(Date.now() - started).toBeLessThan(4000);
    const byName = new Map(found.filter((f) => f.searchId === searchId).map((f) => [f.endpoint, f]));
    expect(byName.size).toBe(7);
    expect(found.filter((f) => f.searchId === searchId).at(-1)!.endpoint).not.toBe('Agenda A');

    const request = standIn.requests.find((r) => r.endpoint === 'Agenda A')!;
    expect(request.accept).toBe('application/fhir+json');
    expect(decodeURIComponent(request.url)).toBe(
      '/Agenda A/fhir/Slot?_include=Slot:schedule&_include:iterate=Schedule:actor&start=ge2026-12-06T22:40:00.000Z&start=le2026-12-08T22:40:00.000Z&schedule.actor:Practitioner.identifier=urn:oid:1.2.250.1.71.4.2.1|10000290937,urn:oid:1.2.250.1.71.4.2.1|11010005007&status=free',
    );

    // Within 48 h only, soonest first, then nearest; the SAS fields read from the profiles.
    const a = byName.get('Agenda A')!;
    expect(a).toMatchObject({ ok: true, problem: null, ignored: 0, incomplete: 0 });
    expect(a.slots.map((s) => s.slotId)).toEqual(['martin-2', 'foret-1', 'martin-1']);
    expect(a.slots[1]).toMatchObject({ practitioner: 'Pierre Foret', rpps: '810002909371', specialties: ['SM54'], place: 'Cabinet du Vieux Bourg, 12 rue de la Mairie, 69690 Brussieu', phone: '+33478450000', visibility: ['PUBLIC'], consultation: ['AMB'], bookingUrl: 'https://agenda-a.example/rdv/foret-1', start: at(10) });
    expect(a.slots[1]!.distanceMetres).toBeLessThan(500);
    expect(a.slots[2]!.distanceMetres).toBeGreaterThan(3000);
    expect(a.slots[0]).toMatchObject({ visibility: ['PRO'], consultation: ['HH'], bookingUrl: null });
    // A "booking URL" that is not https is never offered to be opened.
    expect(a.slots[2]).toMatchObject({ visibility: ['SNP'], consultation: ['AMB', 'VR'], bookingUrl: null });

    // Unknown resources ignored and counted, an unresolvable slot left out, no coordinates: no distance.
    expect(byName.get('Agenda B')).toMatchObject({ ok: true, ignored: 2, incomplete: 1, slots: [expect.objectContaining({ slotId: 'sans-1', lat: null, distanceMetres: null, place: '1 rue du Pont, 69210 L Arbresle' })] });

    expect(byName.get('Agenda lent')).toMatchObject({ ok: false, problem: 'timeout', slots: [] });
    expect(byName.get('Agenda OO')).toMatchObject({ ok: false, problem: 'operationOutcome', detail: 'HTTP 400: error processing Paramètre schedule.actor inconnu' });
    expect(byName.get('Agenda HTML')).toMatchObject({ ok: false, problem: 'http', detail: 'HTTP 503 text/html' });
    expect(byName.get('Agenda JSON')).toMatchObject({ ok: false, problem: 'notFhir' });
    expect(byName.get('Agenda 50 Mo')).toMatchObject({ ok: false, problem: 'tooLarge' });
  }, 20_000);

  it('an unreachable endpoint is named; without endpoints the search says so (the INT_L01 link and manual entry stay)', async () => {
    for (const agendas of [agendasConfigSchema.parse({ endpoints: [{ name: 'Agenda éteint', baseUrl: 'http://127.0.0.1:9/fhir' }] }), null]) {
      const other = makeTempDir();
      const post = createServices(testConfig(other.path, { autoLockMinutes: 240, agendas }), { now: () => clock, scryptParams: TEST_SCRYPT });
      try {
        const events: Found[] = [];
        post.events.subscribe((channel, payload) => channel === 'slots:found' && events.push(payload as Found));
        await signIn(post, 'ARM');
        const created = await dispatch(post.api, 'dossier:create', { callerPhone: '06 12 34 56 78', motive: 'Fièvre', priority: 'P2' });
        await signIn(post, 'OSNP');
        const answer = await dispatch(post.api, 'slots:search', { dossierId: (created as { value: Dossier }).value.id });
        if (!answer.ok) throw new Error(answer.error.message);
        const value = answer.value as { searchId: string; endpoints: string[]; located: boolean };
        expect(value.located).toBe(false);
        await post.slots.settled(value.searchId);
        if (agendas) {
          expect(value.endpoints).toEqual(['Agenda éteint']);
          expect(events).toEqual([expect.objectContaining({ endpoint: 'Agenda éteint', ok: false, problem: 'unreachable', slots: [] })]);
        } else {
          expect(value.endpoints).toEqual([]);
          expect(events).toEqual([]);
        }
      } finally {
        post.close();
        other.cleanup();
      }
    }
  });

  it('refuses an agenda URL that is plain http beyond the loopback, or carries a query', () => {
    expect(agendasConfigSchema.safeParse({ endpoints: [{ name: 'x', baseUrl: 'http://agenda.example/fhir' }] }).success).toBe(false);
    expect(agendasConfigSchema.safeParse({ endpoints: [{ name: 'x', baseUrl: 'https://agenda.example/fhir?token=1' }] }).success).toBe(false);
    expect(agendasConfigSchema.safeParse({ endpoints: [{ name: 'x', baseUrl: 'https://agenda.example/fhir' }, { name: 'x', baseUrl: 'https://b.example/fhir' }] }).success).toBe(false);
    expect(agendasConfigSchema.safeParse({ endpoints: [{ name: 'x', baseUrl: 'http://[::1]:8080/fhir' }] }).success).toBe(true);
  });
});
