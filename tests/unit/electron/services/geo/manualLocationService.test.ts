import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { dispatch } from '../../../../../electron/services/api';
import { createServices, type Services } from '../../../../../electron/services/composition';
import { buildEnvelope } from '../../../../../electron/services/hub/edxlEnvelope';
import type { Dossier, DossierEventBody, UnverifiedLocation } from '../../../../../shared/domain/dossier';
import { createCaseHealth, createCaseHealthUpdate } from '../../../../../shared/domain/hub/caseMessage';
import { writeBanCsv } from '../../../../support/banCsv';
import { schemaErrors } from '../../../../support/hubHandout';
import { journalFile } from '../../../../support/journalFile';
import { signIn, TEST_SCRYPT } from '../../../../support/operators';
import { makeTempDir } from '../../../../support/tempDir';
import { testConfig } from '../../../../support/testConfig';

const CTX = { clientId: 'fr.health.samu690', timeZone: 'Europe/Paris' };

/** The Hub messages this dossier would produce, each validated against the official schemas. */
function hubMessagesOf(dossier: Dossier, body: DossierEventBody) {
  const envelope = (kind: 'RS-EDA' | 'RS-EDA-MAJ', payload: Record<string, unknown>) =>
    buildEnvelope({ kind, distributionId: `${CTX.clientId}_${uuidv7()}`, senderId: CTX.clientId, recipientId: 'fr.health.samu440', sentAtMs: Date.now(), timeZone: CTX.timeZone, payload });
  const created = createCaseHealth(dossier, CTX);
  const update = createCaseHealthUpdate(dossier, body, CTX)!;
  expect(schemaErrors(envelope('RS-EDA', created))).toBeNull();
  expect(schemaErrors(envelope('RS-EDA-MAJ', update))).toBeNull();
  return { created, update };
}

/** A place no index knows, entered by hand, through the handler table and into the real journal. */
describe('manual location (issue 13 item 9)', () => {
  let dir: ReturnType<typeof makeTempDir>;
  let services: Services;
  const call = (channel: string, payload: unknown) => dispatch(services.api, channel, payload);
  const value = async <T = Dossier>(channel: string, payload: unknown) => {
    const result = await call(channel, payload);
    if (!result.ok) throw new Error(`${channel}: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  };
  const eventCount = () => journalFile(services.journal).prepare('SELECT count(*) FROM events').pluck().get() as number;
  const open = async (withPack: boolean) => {
    services = createServices(testConfig(dir.path, { autoLockMinutes: 240 }), { scryptParams: TEST_SCRYPT });
    if (withPack) {
      writeBanCsv(join(dir.path, 'adresses-69.csv'), 400);
      await services.addresses.importCsv(join(dir.path, 'adresses-69.csv'));
    }
    await signIn(services, 'ARM');
    return value('dossier:create', { callerPhone: '06 12 34 56 78', motive: 'accident sur l’autoroute' });
  };

  beforeEach(() => {
    dir = makeTempDir();
  });
  afterEach(() => {
    services?.close();
    dir.cleanup();
  });

  it('chooses the commune from the BAN pack by words, records the place unverified, journaled, and the Hub messages say so and validate', async () => {
    const d = await open(true);
    const communes = await value<{ listAvailable: boolean; communes: Array<{ name: string; inseeCode: string; lat: number }> }>('address:communes', { query: 'st genis LAV', limit: 5 });
    expect(communes.listAvailable).toBe(true);
    expect(communes.communes.map((c) => [c.name, c.inseeCode])).toEqual([['Saint-Genis-Laval', '69202']]);

    const located = await value('dossier:setManualLocation', { dossierId: d.id, commune: { inseeCode: '69202' }, description: 'ferme des Bruyères, après le lavoir', coordinates: '45°41\'42"N 4°47\'35"E', floor: null });
    expect(located.location).toEqual({
      source: 'UNVERIFIED',
      label: 'ferme des Bruyères, après le lavoir, 69230 Saint-Genis-Laval',
      description: 'ferme des Bruyères, après le lavoir',
      commune: { name: 'Saint-Genis-Laval', inseeCode: '69202', postcode: '69230', listed: true },
      lat: 45.695,
      lon: 4.793056,
      floor: null,
      doorCode: null,
      intercom: null,
      accessDetails: null,
    });
    // Journaled, and the projection holds it after a restart.
    const row = journalFile(services.journal).prepare<[string], { payload: string }>("SELECT payload FROM events WHERE dossier_id = ? AND type = 'dossier.locationSet'").get(d.id)!;
    expect(JSON.parse(row.payload).location.source).toBe('UNVERIFIED');
    services.close();
    services = createServices(testConfig(dir.path, { autoLockMinutes: 240 }), { scryptParams: TEST_SCRYPT });
    await signIn(services, 'ARM', 'arm2');
    const reread = await value('dossier:get', { dossierId: d.id });
    expect(reread.location).toEqual(located.location);
    expect((await value<{ entries: Array<{ id: string }> }>('dossier:search', { text: 'Bruyères' })).entries.map((e) => e.id)).toContain(d.id);

    const { created, update } = hubMessagesOf(reread, { type: 'dossier.locationSet', payload: { location: reread.location! } });
    expect(created.location).toEqual({
      detailedAddress: { complete: 'ferme des Bruyères, après le lavoir' },
      city: { name: 'Saint-Genis-Laval', inseeCode: '69202' },
      geometry: { datetime: expect.any(String), point: { coord: { lat: 45.695, lon: 4.793056, precision: 'INCONNUE' }, isAml: false } },
      freetext: expect.stringMatching(/^ADRESSE NON VÉRIFIÉE/),
    });
    expect(update.freetext).toMatch(/^Localisation — ADRESSE NON VÉRIFIÉE .*: ferme des Bruyères, après le lavoir, Saint-Genis-Laval \(INSEE 69202\), coordonnées 45.695,4.793056$/);
    expect(update.additionalInformation).toEqual({
      customMap: [
        { key: 'location.label', value: 'ferme des Bruyères, après le lavoir, 69230 Saint-Genis-Laval', freetext: 'adresse non vérifiée' },
        { key: 'location.inseeCode', value: '69202', freetext: 'Saint-Genis-Laval' },
        { key: 'location.coord', value: '45.695,4.793056', freetext: 'INCONNUE' },
      ],
    });
  });

  it.each([
    ['an unknown commune', { commune: { inseeCode: '75056' } }, 'E_UNKNOWN_COMMUNE', 'commune'],
    ['a commune typed past the official list', { commune: { name: 'Trifouillis-les-Oies' } }, 'E_UNKNOWN_COMMUNE', 'commune'],
    ['an empty commune', { commune: { inseeCode: '' } }, 'E_BAD_REQUEST', 'commune'],
    ['an empty description', { description: '   ' }, 'E_BAD_REQUEST', 'description'],
    ['a 10 kB description', { description: 'ferme '.repeat(1707) }, 'E_BAD_REQUEST', 'description'],
    ['absurd coordinates', { coordinates: '123,4 567,8' }, 'E_BAD_REQUEST', 'coordinates'],
    ['coordinates that are words', { coordinates: 'après le pont' }, 'E_BAD_REQUEST', 'coordinates'],
  ])('refuses %s at the field, writing nothing', async (_name, patch, code, field) => {
    const d = await open(true);
    const before = eventCount();
    const result = await call('dossier:setManualLocation', { dossierId: d.id, commune: { inseeCode: '69202' }, description: 'A7 sortie 12 direction Lyon', coordinates: '', ...patch });
    expect(result).toMatchObject({ ok: false, error: { code, field } });
    expect(eventCount()).toBe(before);
  });

  it('without a BAN pack, a commune typed freely is accepted and flagged; the Hub message keeps it out of the coded city', async () => {
    const d = await open(false);
    expect(await value('address:communes', { query: 'lyon' })).toEqual({ listAvailable: false, communes: [] });
    const located = await value('dossier:setManualLocation', { dossierId: d.id, commune: { name: 'Les Haies' }, description: 'A7 sortie 12 direction Lyon', coordinates: '' });
    const location = located.location as UnverifiedLocation;
    expect(location.commune).toEqual({ name: 'Les Haies', inseeCode: null, postcode: null, listed: false });
    expect([location.lat, location.lon]).toEqual([null, null]);
    const { created, update } = hubMessagesOf(located, { type: 'dossier.locationSet', payload: { location } });
    expect(created.location).toEqual({
      detailedAddress: { complete: 'A7 sortie 12 direction Lyon' },
      freetext: 'ADRESSE NON VÉRIFIÉE (lieu saisi à la main, inconnu de la base d\'adresses) — commune saisie librement, hors liste officielle : Les Haies',
    });
    expect(update.additionalInformation).toEqual({ customMap: [{ key: 'location.label', value: 'A7 sortie 12 direction Lyon, Les Haies', freetext: 'adresse non vérifiée' }] });
  });

  it('the pharmacy on duty and the slot search start from the coordinates, else the commune centre, else say there is none', async () => {
    const d = await open(true);
    type Answer = { located: boolean; basis: string | null; unverified: boolean };
    await value('dossier:setManualLocation', { dossierId: d.id, commune: { inseeCode: '69202' }, description: 'champ derrière le stade', coordinates: '' });
    expect(await value<Answer>('pharmacy:onDuty', { dossierId: d.id })).toMatchObject({ located: true, basis: 'communeCentre', unverified: true });
    // Slots are searched by the GP side (OSNP, MRL): the service itself here.
    expect(services.slots.search({ dossierId: d.id })).toMatchObject({ ok: true, value: { located: true, basis: 'communeCentre', unverified: true } });
    await value('dossier:setManualLocation', { dossierId: d.id, commune: { inseeCode: '69202' }, description: 'champ derrière le stade', coordinates: '45,69 4,79' });
    expect(await value<Answer>('pharmacy:onDuty', { dossierId: d.id })).toMatchObject({ located: true, basis: 'coordinates', unverified: true });
    // A located address is the address.
    await value('dossier:setLocation', { dossierId: d.id, address: { label: 'Place Bellecour 69002 Lyon', houseNumber: null, street: 'Place Bellecour', postcode: '69002', city: 'Lyon', inseeCode: '69382', lat: 45.757, lon: 4.832, precision: 'RUE' }, source: 'OFFLINE' });
    expect(await value<Answer>('pharmacy:onDuty', { dossierId: d.id })).toMatchObject({ located: true, basis: 'address', unverified: false });
  });

  it('with neither coordinates nor a commune of the list, the answer says it is not located', async () => {
    const d = await open(false);
    await value('dossier:setManualLocation', { dossierId: d.id, commune: { name: 'Les Haies' }, description: 'ferme isolée', coordinates: '' });
    expect(await value('pharmacy:onDuty', { dossierId: d.id })).toMatchObject({ located: false, basis: null, unverified: true });
  });
});
