import { z } from 'zod';
import { PACK_KINDS } from '../domain/referencePack';
import { POSITION_BASES } from '../domain/manualLocation';

/** Orientation channels (issue 14): the pharmacy on duty from the offline packs. */
const id = z.uuid();
const isoInstant = z.iso.datetime({ offset: true });

export const packAgeSchema = z.strictObject({
  kind: z.enum(PACK_KINDS),
  dataDate: z.string(),
  days: z.number().int(),
  stale: z.boolean(),
  source: z.string(),
});

export const pharmaciesOnDutyRequest = z.strictObject({
  dossierId: id,
  /** Default: now on the site clock. */
  at: isoInstant.optional(),
});

export const pharmacyOnDutySchema = z.strictObject({
  finess: z.string(),
  name: z.string(),
  address: z.string(),
  postcode: z.string().nullable(),
  city: z.string().nullable(),
  phone: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  distanceMetres: z.number().nullable(),
  until: isoInstant,
});

export const coverageSchema = z.discriminatedUnion('status', [
  z.strictObject({ status: z.literal('covered') }),
  z.strictObject({ status: z.literal('gap'), nextStart: isoInstant.nullable() }),
  z.strictObject({ status: z.literal('outsideRota'), rotaFrom: isoInstant, rotaTo: isoInstant }),
  z.strictObject({ status: z.literal('noRota') }),
]);

export const pharmaciesOnDutyResponse = z.strictObject({
  at: isoInstant,
  /** False when the dossier has no located address yet: the list is then not ranked by distance. */
  located: z.boolean(),
  /** Where distances are measured from: the address found, coordinates typed by hand, or the commune's centre (an unverified location). */
  basis: z.enum(POSITION_BASES).nullable(),
  /** The dossier's location was entered by hand and nobody verified it. */
  unverified: z.boolean(),
  pharmacies: z.array(pharmacyOnDutySchema),
  coverage: coverageSchema,
  /** Ages of the packs the answer comes from ("pharmacies : données du 02/12, 3 jours"). */
  ages: z.array(packAgeSchema),
});

export const choosePharmacyRequest = z.strictObject({
  dossierId: id,
  finess: z.string().regex(/^\d[0-9AB]\d{7}$/),
  at: isoInstant.optional(),
});

export const packStatusResponse = z.strictObject({ ages: z.array(packAgeSchema) });

/** GP slots within 48 h from the agenda endpoints IT configured (the SAS FHIR contract). */
export const searchSlotsRequest = z.strictObject({ dossierId: id });

export const searchSlotsResponse = z.strictObject({
  searchId: id,
  from: isoInstant,
  to: isoInstant,
  /** The endpoints asked, by name; each answers once on `slots:found`. Empty: none configured. */
  endpoints: z.array(z.string()),
  located: z.boolean(),
  basis: z.enum(POSITION_BASES).nullable(),
  unverified: z.boolean(),
});

export const freeSlotSchema = z.strictObject({
  endpoint: z.string(),
  slotId: z.string(),
  start: isoInstant,
  end: isoInstant.nullable(),
  practitioner: z.string(),
  rpps: z.string().nullable(),
  specialties: z.array(z.string()),
  place: z.string(),
  phone: z.string().nullable(),
  lat: z.number().nullable(),
  lon: z.number().nullable(),
  visibility: z.array(z.enum(['PUBLIC', 'PRO', 'SNP'])),
  consultation: z.array(z.enum(['AMB', 'HH', 'VR'])),
  bookingUrl: z.string().nullable(),
  distanceMetres: z.number().nullable(),
});

export const SLOT_PROBLEMS = ['timeout', 'unreachable', 'http', 'tooLarge', 'notJson', 'notFhir', 'operationOutcome', 'notSearchset'] as const;

/** One endpoint's answer to a search, pushed as it comes (partial results, a slow one named). */
export const slotsFoundEvent = z.strictObject({
  searchId: id,
  endpoint: z.string(),
  ok: z.boolean(),
  problem: z.enum(SLOT_PROBLEMS).nullable(),
  detail: z.string(),
  slots: z.array(freeSlotSchema),
  /** Resources the profiles do not describe, and slots whose schedule/practitioner could not be resolved. */
  ignored: z.number().int(),
  incomplete: z.number().int(),
  elapsedMs: z.number().int(),
});

/** The practitioners' directory from the RPPS pack: name, RPPS/ADELI number or commune. */
export const practitionerLookupRequest = z.strictObject({ query: z.string().trim().min(2).max(80) });

export const practitionerPlaceSchema = z.strictObject({
  place: z.string(),
  address: z.string(),
  postcode: z.string(),
  city: z.string(),
  phone: z.string(),
});

export const practitionerSchema = z.strictObject({
  rpps: z.string(),
  lastName: z.string(),
  firstName: z.string(),
  profession: z.string(),
  specialty: z.string(),
  /** Every place of practice the extraction lists for this practitioner. */
  places: z.array(practitionerPlaceSchema),
});

export const practitionerLookupResponse = z.strictObject({
  practitioners: z.array(practitionerSchema),
  /** More matched than are listed: the operator types more. */
  truncated: z.boolean(),
  /** The RPPS pack's age ("professionnels de santé : données du 01/12, 5 jours"); empty when none was imported. */
  ages: z.array(packAgeSchema),
});
