import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Dossier } from '../../../shared/domain/dossier';
import { SiteLink } from '../../../electron/services/sync/siteLink';
import { upsertAppointment } from '../../../electron/services/site/hub/siteHubInbox';
import type { Appointment } from '../../../electron/services/hub/inboundMessage';
import { postgresProblem } from '../../support/postgres';
import { openDesk, openRoom, until, type Desk, type TestRoom } from '../../support/room';
import { makeTempDir } from '../../support/tempDir';

const problem = postgresProblem();

type ToAttach = { entries: Array<{ appointmentId: string; practitioner: string | null; start: string }>; room: { siteAnswered: boolean } | null };

/**
 * ROOM.md §3 and §5: the site is the Hub client, so the SAS platform's appointments (RS-SAS-RDV)
 * arrive there — its inbox keeps them in site_hub_appointments, as written here. Every OSNP or
 * regulator desk lists the room's unattached ones, whenever it joined; attaching at one desk takes
 * it off the others' lists; two desks attaching the same one at once: one wins everywhere.
 */
describe.skipIf(problem !== null)('SAS appointments in a room: listed at every desk, attached once', () => {
  let room: TestRoom;
  let arm: Desk;
  let osnp: Desk;
  let mrl: Desk;
  let late: Desk;
  const lateDir = makeTempDir('plateau-room-late-');
  const dossiers: Dossier[] = [];
  const platform = (n: number): Appointment =>
    ({
      appointmentId: `sas-rdv-${n}-${randomUUID().slice(0, 8)}`,
      method: 'CreateAppointment',
      status: 'booked',
      start: `2026-12-07T0${n}:30:00.000Z`,
      created: '2026-12-06T08:00:00.000Z',
      practitioner: { firstName: 'Anne', lastName: `Généraliste${n}` },
    }) as unknown as Appointment;
  const appointments = [platform(1), platform(2), platform(3)];
  const listed = async (desk: Desk) => (await desk.call<ToAttach>('sas:appointmentsToAttach')).entries.map((e) => e.appointmentId);

  beforeAll(async () => {
    room = await openRoom('room_appointments', [
      { id: 'arm-01', signIn: { role: 'ARM', login: 'arm.durand', name: 'Mme Durand' } },
      { id: 'osnp-01', signIn: { role: 'OSNP', login: 'osnp.leroy', name: 'M. Leroy' } },
      { id: 'mrl-01', signIn: { role: 'MRL', login: 'dr.blanc', name: 'Dr Blanc' } },
    ]);
    [arm, osnp, mrl] = room.desks as [Desk, Desk, Desk];
    for (const phone of ['06 11 11 11 11', '06 22 22 22 22', '06 33 33 33 33']) dossiers.push(await arm.call<Dossier>('dossier:create', { callerPhone: phone, motive: 'fièvre', priority: 'P3' }));
    // The platform pushes the appointments; the site's inbox keeps them.
    for (const a of appointments) await upsertAppointment(room.site.store.pool, a, `fr.health.sas_${randomUUID()}`);
    // A desk that joins the room only now, after they arrived.
    late = openDesk(lateDir.path, 'osnp-02', 4, room.site.port);
    await until(async () => late.services.site!.status().state === 'online' && late.services.journal.siteSync.pulledPos() === (await room.site.store.head()), 'the late desk caught up');
    await late.signIn('OSNP', 'osnp.petit', 'Mme Petit');
    await until(async () => (await room.settled()) && late.services.site!.status().pending === 0, 'the room settled');
  }, 120_000);
  afterAll(async () => {
    await late?.services.close();
    await room?.close();
    lateDir.cleanup();
  });

  it('every OSNP or regulator desk lists the room’s appointments, the one that joined after they arrived too', async () => {
    const ids = appointments.map((a) => a.appointmentId);
    for (const desk of [osnp, mrl, late]) {
      const answer = await desk.call<ToAttach>('sas:appointmentsToAttach');
      expect(answer.room).toEqual({ siteAnswered: true });
      expect(answer.entries.map((e) => e.appointmentId)).toEqual(expect.arrayContaining(ids));
    }
    const first = (await late.call<ToAttach>('sas:appointmentsToAttach')).entries.find((e) => e.appointmentId === ids[0]);
    expect(first).toMatchObject({ practitioner: 'Anne Généraliste1', start: '2026-12-07T01:30:00.000Z' });
  });

  it('attached at the desk that joined late: on the dossier at every desk, and off every list', async () => {
    const [a1] = appointments;
    const d = dossiers[0]!;
    expect(await late.call('sas:attachAppointment', { appointmentId: a1!.appointmentId, dossierId: d.id })).toEqual({ attached: true });
    // Off its own list at once, before the site has it.
    expect(await listed(late)).not.toContain(a1!.appointmentId);
    await until(async () => !(await listed(osnp)).includes(a1!.appointmentId) && !(await listed(mrl)).includes(a1!.appointmentId), 'off the other desks’ lists');
    await until(() => [arm, osnp, mrl].every((x) => x.services.journal.dossiers.get(d.id)?.appointments.some((a) => a.appointmentId === a1!.appointmentId) === true), 'on the dossier at every desk');
    // Asked again elsewhere: nothing attached twice.
    expect(await osnp.call('sas:attachAppointment', { appointmentId: a1!.appointmentId, dossierId: dossiers[1]!.id })).toEqual({ attached: false });
  });

  it('two desks attach the same appointment to two dossiers at once: one wins on every desk, the other is told who', async () => {
    const a2 = appointments[1]!;
    const [d2, d3] = [dossiers[1]!, dossiers[2]!];
    // Neither desk's push leaves before both have attached: each attaches before hearing of the other.
    const push = SiteLink.prototype.push;
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    SiteLink.prototype.push = async function (this: SiteLink, ...args: Parameters<SiteLink['push']>) {
      await gate;
      return push.apply(this, args);
    };
    let x: { attached: boolean };
    let y: { attached: boolean };
    try {
      [x, y] = await Promise.all([
        osnp.call<{ attached: boolean }>('sas:attachAppointment', { appointmentId: a2.appointmentId, dossierId: d2.id }),
        late.call<{ attached: boolean }>('sas:attachAppointment', { appointmentId: a2.appointmentId, dossierId: d3.id }),
      ]);
    } finally {
      SiteLink.prototype.push = push;
      open();
    }
    expect([x.attached, y.attached]).toEqual([true, true]);
    const holderOf = (desk: Desk) => desk.services.journal.dossiers.appointmentByPlatformId(a2.appointmentId)?.dossierId;
    const holdsIt = (desk: Desk, dossierId: string) => desk.services.journal.dossiers.get(dossierId)?.appointments.some((a) => a.appointmentId === a2.appointmentId) === true;
    await until(async () => {
      if (!(await room.settled()) || late.services.site!.status().pending !== 0) return false;
      const holders = [arm, osnp, mrl, late].map(holderOf);
      return holders[0] !== undefined && holders.every((h) => h === holders[0]) && [arm, osnp, mrl, late].every((desk) => holdsIt(desk, d2.id) !== holdsIt(desk, d3.id));
    }, 'one dossier holds it on every desk', 30_000);
    const winnerDossier = holderOf(arm)!;
    for (const desk of [arm, osnp, mrl, late]) expect(holdsIt(desk, winnerDossier)).toBe(true);
    // The loser reads who had it.
    const loser = winnerDossier === d2.id ? late : osnp;
    const conflict = loser.services.journal.siteSync.conflictsOf(loser.id).find((c) => JSON.parse(c.payload).step === 'appointment');
    expect(JSON.parse(conflict!.payload)).toMatchObject({ step: 'appointment', reason: 'appointmentAttached', winner: { name: winnerDossier === d2.id ? 'M. Leroy' : 'Mme Petit' } });
    for (const desk of [osnp, mrl, late]) expect(await listed(desk)).not.toContain(a2.appointmentId);
    // The third one is still there for everybody.
    for (const desk of [osnp, mrl, late]) expect(await listed(desk)).toContain(appointments[2]!.appointmentId);
  }, 60_000);

  it('the site away: the list says so instead of saying there is nothing', async () => {
    await room.stopSite();
    try {
      await until(() => osnp.services.site!.status().state === 'offline', 'the desk sees the site away');
      expect(await osnp.call<ToAttach>('sas:appointmentsToAttach')).toEqual({ entries: [], room: { siteAnswered: false } });
    } finally {
      await room.startSite();
    }
  });
});
