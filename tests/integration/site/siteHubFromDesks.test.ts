import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { SyncStatus } from '../../../electron/services/hub/hubService';
import type { RunningSite } from '../../../electron/services/site/siteServer';
import type { Dossier } from '../../../shared/domain/dossier';
import { HubDispatcher } from '../../support/hub/hubDispatcher';
import { describeWithBroker, hubSectionFor, SAMU440, SAMU690 } from '../../support/hub/hubWorld';
import { freePort } from '../../support/hub/freePort';
import { PeerRegulationBot } from '../../support/hub/partnerBots';
import { startRabbitBroker, type RabbitBroker } from '../../support/hub/rabbitBroker';
import { freshDatabase, postgresProblem, startPostgres, type TestPostgres } from '../../support/postgres';
import { openDesk, startTestSite, until, type Desk } from '../../support/room';
import { makeTempDir } from '../../support/tempDir';

/**
 * The room's Hub seen from a desk (ROOM.md §5; issue 12 item 6): the site is the Hub client, so
 * the desk's Hub status is the site's as told over the link — live, then stale with its time once
 * the site is away; what waits counts the desk's messages not yet at the site plus what the site
 * holds unacknowledged; and the transmissions view shows the site's sends, receipts and
 * refusals. Real PostgreSQL, real RabbitMQ, the real site service and desk composition.
 */
const pgProblem = postgresProblem();

type Transmissions = { transmissions: Array<{ state: string; kind: string; recipient: string | null; errorText: string | null; errorCode: number | null }>; room: { siteAnswered: boolean } | null };

describeWithBroker('Hub Santé from the site, seen from the desks', () => {
  let server: TestPostgres;
  let settings: TestPostgres['settings'];
  let broker: RabbitBroker;
  let dispatcher: HubDispatcher;
  let peer: PeerRegulationBot;
  let site: RunningSite | null = null;
  let desk: Desk;
  let port: number;
  let hub: ReturnType<typeof hubSectionFor>;
  const dir = makeTempDir('plateau-sitehub-desks-');

  beforeAll(async () => {
    if (pgProblem) throw new Error(pgProblem);
    server = await startPostgres();
    settings = await freshDatabase(server, 'site_hub_desks');
    broker = await startRabbitBroker(join(dir.path, 'broker'), [SAMU690, SAMU440]);
    dispatcher = new HubDispatcher(broker);
    await dispatcher.start();
    peer = new PeerRegulationBot(SAMU440, broker);
    await peer.connect();
    port = await freePort();
    hub = hubSectionFor(broker, SAMU690, [{ clientId: SAMU440, filieres: ['SNP'] }]);
    site = await startTestSite(settings, port, hub);
    // The desk's hub section names the partners for "Partager avec…"; in a room its client is never opened.
    desk = openDesk(dir.path, 'arm-05', 5, port, { hub });
  }, 120_000);

  afterAll(async () => {
    await desk?.services.close();
    await site?.close();
    await peer?.close();
    await dispatcher?.stop();
    await broker?.stop();
    await server?.stop();
    dir.cleanup();
  });

  const status = () => desk.call<SyncStatus>('hub:status');
  const transmissions = (dossierId: string) => desk.call<Transmissions>('dossier:transmissions', { dossierId });
  const pendingOutbox = async () => (await desk.call<{ pendingOutbox: number }>('journal:status')).pendingOutbox;

  it.skipIf(pgProblem !== null)('the desk shows the site’s Hub link, the site’s sends and receipts, and counts what has not reached the site plus what the Hub has not acknowledged', async () => {
    await desk.signIn('ARM', 'arm.hub', 'Mme Hub');
    await until(() => site!.hub!.lease.isHolder(), 'the site holding the Hub lease', 20_000);
    await until(async () => (await status()).connected, 'the desk told the site is connected to the Hub', 20_000);
    const live = await status();
    expect(live).toMatchObject({ configured: true, clientId: SAMU690, connected: true, room: { stale: false, unknownSince: null, holder: site!.hub!.lease.holderId } });
    // The desk has no Hub client of its own in a room.
    expect(desk.services.hub).toBeNull();

    const d = await desk.call<Dossier>('dossier:create', { callerPhone: '06 12 34 56 71', motive: 'fièvre', priority: 'P2' });
    await desk.call('dossier:updateQualification', { dossierId: d.id, filiere: 'SNP' });
    expect((await transmissions(d.id)).transmissions).toEqual([]);
    await desk.call('dossier:share', { dossierId: d.id, partner: SAMU440 });
    // Acknowledged by the partner: the site's row, with who it went to.
    await until(async () => (await transmissions(d.id)).transmissions.some((t) => t.state === 'ACKED'), 'the share acknowledged, seen from the desk', 30_000);
    const acked = await transmissions(d.id);
    expect(acked.room).toEqual({ siteAnswered: true });
    expect(acked.transmissions).toEqual([expect.objectContaining({ kind: 'RS-EDA', state: 'ACKED', recipient: SAMU440 })]);
    await until(async () => (await status()).waiting === 0 && (await pendingOutbox()) === 0, 'nothing waiting once acknowledged', 20_000);
    // Handed to the site, nothing waits in the desk's own outbox: nothing here drains it, nothing here counts it.
    expect(desk.services.journal.outbox.awaitingSite()).toBe(0);

    // The partner refuses the next message, with its reason: the desk reads the refusal.
    peer.refuse = (_payload, kind) => (kind === 'createCaseHealthUpdate' ? { code: 300, text: 'dossier inconnu chez le partenaire' } : null);
    await desk.call('dossier:setPriority', { dossierId: d.id, priority: 'P1' });
    await until(async () => (await transmissions(d.id)).transmissions.some((t) => t.state === 'FAILED'), 'the refusal seen from the desk', 30_000);
    expect((await transmissions(d.id)).transmissions.find((t) => t.state === 'FAILED')).toMatchObject({ kind: 'RS-EDA-MAJ', errorCode: 300, errorText: expect.stringContaining('dossier inconnu chez le partenaire') });
    await until(async () => (await status()).failed === 1, 'the refusal counted in the desk’s Hub status', 20_000);
    peer.refuse = null;

    // The site goes away: its word on the Hub is kept, said stale with since when.
    const before = Date.now();
    await site!.close();
    site = null;
    await until(async () => (await status()).room?.stale === true, 'the Hub state stale once the site is away', 20_000);
    const stale = await status();
    expect(stale.connected).toBe(false);
    expect(Date.parse(stale.room!.unknownSince!)).toBeGreaterThanOrEqual(before - 1_000);
    expect(stale.failed).toBe(1);

    // Written while the site is away: waiting on this desk, said so, counted.
    await desk.call('dossier:setPriority', { dossierId: d.id, priority: 'P2' });
    const away = await transmissions(d.id);
    expect(away.room).toEqual({ siteAnswered: false });
    expect(away.transmissions).toEqual([expect.objectContaining({ kind: 'RS-EDA-MAJ', state: 'AWAITING_SITE' })]);
    const waiting = await status();
    expect(waiting.room).toMatchObject({ toSite: 1, atSite: 0 });
    expect(waiting.waiting).toBe(1);
    expect(await pendingOutbox()).toBe(1);

    // The site back: the desk hands its message over, the site sends it, the partner acknowledges.
    site = await startTestSite(settings, port, hub);
    await until(async () => {
      const rows = (await transmissions(d.id)).transmissions;
      return rows.length === 3 && rows.every((t) => t.state !== 'AWAITING_SITE') && rows.at(-1)!.state === 'ACKED';
    }, 'the offline message sent from the site and acknowledged', 40_000);
    await until(async () => {
      const s = await status();
      return s.room!.stale === false && s.connected && s.waiting === 0 && s.room!.toSite === 0;
    }, 'the desk’s Hub status live again, nothing waiting', 30_000);
    expect((await transmissions(d.id)).transmissions.map((t) => t.state)).toEqual(['ACKED', 'FAILED', 'ACKED']);
  }, 180_000);
});
