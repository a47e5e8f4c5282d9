import { officialLabel } from '../codes';
import { currentDecisions, type Decision } from '../decision';
import type { Dossier, DossierEventBody, DossierLocation, DossierNote, Patient, UnverifiedLocation } from '../dossier';
import { isPhysician } from '../roles';
import { hubDateTime } from './hubTime';
import { medicalNoteIdFor, patientIdFor } from './hubIds';

/**
 * Pure mapping from the dossier model to the Hub Santé case payloads: `createCaseHealth`
 * (RS-EDA, the first share) and `createCaseHealthUpdate` (RS-EDA-MAJ, one per later change).
 * Only fields the official schemas define are written (the Hub refuses unknown fields); what an
 * RS-EDA-MAJ cannot carry in structured form goes into its `freetext` (the schema's own
 * instruction) and, for the location, into `additionalInformation.customMap` so that a partner
 * running Plateau can apply it.
 */
export interface CaseContext {
  /** Our Hub client id, e.g. fr.health.samu690 (the owner of the dossiers we create). */
  clientId: string;
  timeZone: string;
}

type Json = Record<string, unknown>;

/** RS-EDA's caseDetails.attribution accepts these families only (DRM…, DR…, D…). */
const ATTRIBUTION = /^(DRM|DR|D)(\.|$)/;
const OPERATOR_ROLES = new Set(['AMBULANCIER', 'ARM', 'INFIRMIER', 'MEDECIN', 'PILOTE', 'TCM', 'AUTRE', 'INCONNU']);

function compact<T extends Json>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null)) as T;
}

function coded(list: 'motif' | 'fait' | 'lieu', code: string | null): Json | undefined {
  return code ? { code, label: officialLabel(list, code) ?? code } : undefined;
}

export function operatorRole(role: string): string {
  // Our regulating physicians (urgentist MRU, GP MRL) are the Hub's MEDECIN.
  if (isPhysician(role)) return 'MEDECIN';
  return OPERATOR_ROLES.has(role) ? role : 'AUTRE';
}

/**
 * A signed decision as the Hub's `decision`: type, resource, transport, orientation and
 * destination are structured; the advice, prescription or reason and the care level have no slot
 * there, so they travel in the message's `freetext` beside it.
 */
export function decisionPayload(ctx: CaseContext, decision: Decision, replaced?: Decision): { decision: Json; freetext: string } {
  const structured = compact({
    creation: hubDateTime(decision.at, ctx.timeZone),
    operator: { role: operatorRole(decision.authorRole), label: decision.authorId.slice(0, 200) },
    decisionType: decision.type,
    resourceType: decision.resourceType ?? undefined,
    medicalTransport: decision.transport ?? undefined,
    orientationType: decision.orientationType ?? undefined,
    destination: decision.destination ? { freetext: decision.destination } : undefined,
  });
  const text = decision.adviceText ?? decision.prescriptionText ?? decision.reason;
  // A correction names the decision it replaces, so the partner can strike that one out.
  const replacing = decision.supersedes ? (replaced ? `remplace la décision ${replaced.type} du ${hubDateTime(replaced.at, ctx.timeZone)}, qui n'est plus en vigueur` : 'remplace la décision précédente') : null;
  const words = [`Décision ${decision.type} (niveau de soin ${decision.careLevel})`, text, replacing].filter(Boolean);
  return { decision: structured, freetext: words.join(' — ') };
}

export function patientPayload(ctx: CaseContext, dossier: Pick<Dossier, 'localNumber'>, patient: Patient): Json {
  const name = [patient.firstName, patient.lastName].filter(Boolean).join(' ');
  const strict = compact({ birthDate: patient.birthDate ?? undefined, sex: patient.sex ?? undefined });
  const identity = compact({
    strictFeatures: Object.keys(strict).length ? strict : undefined,
    nonStrictFeatures: name ? compact({ complete: name, lastName: patient.lastName ?? undefined, firstName: patient.firstName ?? undefined }) : undefined,
  });
  const detail = compact({ weight: patient.weightKg ?? undefined, age: patient.ageYears !== null && patient.ageYears <= 999 ? `P${patient.ageYears}Y` : undefined });
  return compact({
    patientId: patientIdFor(ctx.clientId, dossier.localNumber, patient.id),
    // The INS travels only for a qualified identity (DOMAIN §3).
    administrativeFile: patient.identityQualified && patient.ins ? { externalId: [{ source: 'NIR', value: patient.ins }] } : undefined,
    identity: Object.keys(identity).length ? identity : undefined,
    detail: Object.keys(detail).length ? detail : undefined,
  });
}

export function notePayload(ctx: CaseContext, note: DossierNote): Json {
  return {
    medicalNoteId: medicalNoteIdFor(ctx.clientId, note.id),
    operator: { role: operatorRole(note.authorRole), label: note.authorId.slice(0, 200) },
    creation: hubDateTime(note.at, ctx.timeZone),
    freetext: note.text,
  };
}

function accessPayload(location: DossierLocation): Json | undefined {
  const access = compact({
    floor: location.floor ?? undefined,
    interphone: location.intercom ?? undefined,
    accessCode: location.doorCode ? [location.doorCode] : undefined,
  });
  return Object.keys(access).length ? access : undefined;
}

/** The Hub's own words for a location nobody verified: the schema has no flag for it, its free text says it. */
export const UNVERIFIED_LOCATION_TEXT = 'ADRESSE NON VÉRIFIÉE (lieu saisi à la main, inconnu de la base d\'adresses)';

function unverifiedFreetext(location: UnverifiedLocation): string {
  const commune = location.commune.listed ? null : `commune saisie librement, hors liste officielle : ${location.commune.name}`;
  return [UNVERIFIED_LOCATION_TEXT, commune, location.accessDetails].filter(Boolean).join(' — ');
}

function locationPayload(location: DossierLocation | null, at: string, ctx: CaseContext): Json {
  if (!location) return {};
  if (location.source === 'UNVERIFIED') {
    // The description in the address's free line (the 15-15 rule for a motorway: name, PK and
    // direction concatenated there); the commune only with its INSEE code (the schema wants the
    // code whenever a name is given), else in the free text; coordinates only when typed.
    const { commune } = location;
    return compact({
      detailedAddress: { complete: location.description },
      city: commune.inseeCode ? compact({ name: commune.name, inseeCode: commune.inseeCode }) : undefined,
      access: accessPayload(location),
      geometry:
        location.lat !== null && location.lon !== null
          ? { datetime: hubDateTime(at, ctx.timeZone), point: { coord: { lat: location.lat, lon: location.lon, precision: 'INCONNUE' }, isAml: false } }
          : undefined,
      freetext: unverifiedFreetext(location),
    });
  }
  const street = location.street ?? undefined;
  return compact({
    detailedAddress: compact({
      complete: location.label,
      number: location.houseNumber ?? undefined,
      wayName: street ? { complete: street } : undefined,
    }),
    city: compact({ name: location.city, inseeCode: /^[0-9]{5}$/.test(location.inseeCode) ? location.inseeCode : undefined }),
    access: accessPayload(location),
    // isAml: only a position the caller's phone sent (Advanced Mobile Location) is one.
    geometry: { datetime: hubDateTime(at, ctx.timeZone), point: { coord: { lat: location.lat, lon: location.lon, precision: location.precision }, isAml: location.source === 'AML' } },
    freetext: location.accessDetails ?? undefined,
  });
}

/** The schema allows three custom entries: address, commune, coordinates (with their precision). */
function locationCustomMap(location: DossierLocation): Json[] {
  if (location.source === 'UNVERIFIED') {
    return [
      { key: 'location.label', value: location.label, freetext: 'adresse non vérifiée' },
      ...(location.commune.inseeCode ? [{ key: 'location.inseeCode', value: location.commune.inseeCode, freetext: location.commune.name }] : []),
      ...(location.lat !== null && location.lon !== null ? [{ key: 'location.coord', value: `${location.lat},${location.lon}`, freetext: 'INCONNUE' }] : []),
    ];
  }
  return [
    { key: 'location.label', value: location.label },
    { key: 'location.inseeCode', value: location.inseeCode, freetext: location.city },
    { key: 'location.coord', value: `${location.lat},${location.lon}`, freetext: location.precision },
  ];
}

/** One line for an RS-EDA-MAJ's free text: where, as precisely as the dossier knows it, and how to get in. */
function locationUpdateText(l: DossierLocation): string {
  const access = [l.floor && `étage ${l.floor}`, l.doorCode && `code ${l.doorCode}`, l.intercom && `interphone ${l.intercom}`, l.accessDetails].filter(Boolean);
  const where =
    l.source === 'UNVERIFIED'
      ? `${UNVERIFIED_LOCATION_TEXT} : ${l.description}, ${l.commune.name}${l.commune.inseeCode ? ` (INSEE ${l.commune.inseeCode})` : ' (commune hors liste officielle)'}${l.lat !== null ? `, coordonnées ${l.lat},${l.lon}` : ', sans coordonnées'}`
      : `${l.label} (INSEE ${l.inseeCode}, ${l.lat},${l.lon}, ${l.precision})`;
  return `Localisation — ${where}${access.length ? ` ; accès : ${access.join(', ')}` : ''}`;
}

function alertPayload(dossier: Dossier, ctx: CaseContext): Json | undefined {
  // initialAlert requires the caller's contact: a withheld number leaves it out.
  if (!dossier.callerPhone) return undefined;
  const { caller } = dossier;
  return {
    reception: hubDateTime(dossier.createdAt, ctx.timeZone),
    notes: [{ creation: hubDateTime(dossier.createdAt, ctx.timeZone), freetext: dossier.motive }],
    caller: compact({
      callerContact: { channel: 'PERSONNE', type: 'TEL', detail: dossier.callerPhone },
      callbackContact: caller.callbackPhone ? { channel: 'PERSONNE', type: 'TEL', detail: caller.callbackPhone } : undefined,
      type: caller.type ?? undefined,
      language: caller.language ?? undefined,
      communication: caller.communication ?? undefined,
      detailedName: caller.name ? { complete: caller.name } : undefined,
    }),
  };
}

/** Health establishments (inside, or a place of detention within one): a patient there is not a primary intervention. */
const IN_HEALTH_ESTABLISHMENT = new Set(['L04.07.01', 'L04.07.03']);

/**
 * HubSante.intervention from the dossier: a medical dossier about a patient outside a health
 * establishment is a primary intervention (T1); a non-medical dossier is no intervention, and a
 * patient already in an establishment may be any kind of transfer (T2/T3/T4), which the dossier
 * does not say: the optional field is then left out rather than guessed.
 */
export function interventionTypeOf(dossier: Pick<Dossier, 'kind' | 'qualification'>): 'T1' | undefined {
  if (dossier.kind !== 'DRM') return undefined;
  if (dossier.qualification.lieu && IN_HEALTH_ESTABLISHMENT.has(dossier.qualification.lieu)) return undefined;
  return 'T1';
}

/** RS-EDA `createCaseHealth`: the whole dossier as it stands (pass partnerView(dossier) for a share). */
export function createCaseHealth(dossier: Dossier, ctx: CaseContext): Json {
  const q = dossier.qualification;
  const details = compact({
    status: dossier.state,
    attribution: q.attribution && ATTRIBUTION.test(q.attribution) ? q.attribution : undefined,
    priority: dossier.priority,
  });
  const alert = alertPayload(dossier, ctx);
  return compact({
    caseId: dossier.caseId,
    senderCaseId: dossier.localNumber,
    creation: hubDateTime(dossier.createdAt, ctx.timeZone),
    perimeter: q.filiere ?? undefined,
    interventionType: interventionTypeOf(dossier),
    owner: ctx.clientId,
    qualification: compact({
      origin: dossier.origin,
      whatsHappen: coded('fait', q.fait),
      locationKind: coded('lieu', q.lieu),
      healthMotive: coded('motif', q.motif),
      details,
    }),
    location: locationPayload(dossier.location, dossier.updatedAt, ctx),
    initialAlert: alert,
    patient: dossier.patients.length ? dossier.patients.map((p) => patientPayload(ctx, dossier, p)) : undefined,
    medicalNote: dossier.notes.length ? dossier.notes.map((n) => notePayload(ctx, n)) : undefined,
    // The decisions in force; superseded ones stay in our journal and were sent as updates when made.
    decision: currentDecisions(dossier.decisions).length ? currentDecisions(dossier.decisions).map((d) => decisionPayload(ctx, d).decision) : undefined,
    // Without a caller contact there is no initialAlert: the motive still travels.
    additionalInformation: alert ? undefined : { customMap: [{ key: 'motive', value: dossier.motive }] },
  });
}

/**
 * RS-EDA-MAJ `createCaseHealthUpdate` for one journal event, given the dossier right after it.
 * Returns null for an event that tells the partner nothing.
 */
export function createCaseHealthUpdate(dossier: Dossier, body: DossierEventBody, ctx: CaseContext): Json | null {
  const base = { caseId: dossier.caseId, senderCaseId: dossier.localNumber };
  switch (body.type) {
    case 'dossier.created':
    case 'dossier.linked':
    case 'dossier.received':
    case 'dossier.remoteUpdated':
      return null;
    case 'dossier.priorityChanged':
      return { ...base, qualification: { details: { priority: body.payload.priority } } };
    case 'dossier.noteAdded': {
      const note = dossier.notes.find((n) => n.id === body.payload.noteId);
      return note ? { ...base, medicalNote: [notePayload(ctx, note)] } : null;
    }
    case 'dossier.patientUpserted': {
      // The patient as the dossier given holds it (a partnerView has no NIR).
      const patient = dossier.patients.find((p) => p.id === body.payload.patient.id) ?? body.payload.patient;
      return { ...base, patient: [patientPayload(ctx, dossier, patient)] };
    }
    case 'dossier.qualificationUpdated': {
      const q = body.payload.qualification;
      const words = (['motif', 'fait', 'lieu'] as const)
        .filter((k) => q[k])
        .map((k) => `${k}: ${q[k]} ${officialLabel(k, q[k]!) ?? ''}`.trim());
      if (q.attribution) words.push(`attribution: ${q.attribution}`);
      return compact({ ...base, perimeter: q.filiere ?? undefined, freetext: words.length ? `Qualification — ${words.join(' ; ')}` : undefined });
    }
    case 'dossier.callerUpdated': {
      const c = body.payload.caller;
      const words = [
        c.name ? `nom ${c.name}` : null,
        c.callbackPhone ? `rappel ${c.callbackPhone}` : null,
        c.type ? `type ${c.type}` : null,
        c.language ? `langue ${c.language}` : null,
        c.communication ? `communication ${c.communication}` : null,
      ].filter(Boolean);
      return words.length ? { ...base, freetext: `Appelant — ${words.join(' ; ')}` } : null;
    }
    case 'dossier.locationSet': {
      const l = body.payload.location;
      return { ...base, freetext: locationUpdateText(l), additionalInformation: { customMap: locationCustomMap(l) } };
    }
    case 'dossier.decisionAdded': {
      const decision = dossier.decisions.find((d) => d.id === body.payload.decisionId);
      if (!decision) return null;
      const replaced = decision.supersedes ? dossier.decisions.find((d) => d.id === decision.supersedes) : undefined;
      const { decision: structured, freetext } = decisionPayload(ctx, decision, replaced);
      return { ...base, decision: [structured], freetext };
    }
    case 'dossier.finished':
      return { ...base, freetext: 'Régulation terminée (ACHEVE)' };
    case 'dossier.validated':
      return { ...base, freetext: 'Dossier validé (VALIDE)' };
    case 'dossier.closed':
      return { ...base, freetext: 'Dossier clôturé (CLOTURE)' };
    case 'dossier.classified':
      return { ...base, freetext: 'Dossier classé (CLASSE)' };
    case 'dossier.archived':
      return { ...base, freetext: 'Dossier archivé (ARCHIVE)' };
    case 'dossier.shared':
      return null;
    case 'dossier.appointmentRecorded': {
      const a = body.payload.appointment;
      return { ...base, freetext: `Rendez-vous ${a.category} le ${hubDateTime(a.startsAt, ctx.timeZone)} — ${a.practitioner}, ${a.place}` };
    }
    case 'dossier.appointmentUpdated':
      return { ...base, freetext: `Rendez-vous : ${body.payload.status}${body.payload.startsAt ? `, le ${hubDateTime(body.payload.startsAt, ctx.timeZone)}` : ''}${body.payload.practitioner ? ` — ${body.payload.practitioner}` : ''}` };
    case 'dossier.taken':
      return null;
    case 'dossier.routed':
      return {
        ...base,
        freetext:
          body.payload.kind === 'deferredCallback'
            ? `Régulation différée, rappel prévu ${hubDateTime(body.payload.callbackDueAt, ctx.timeZone)}`
            : body.payload.kind === 'accompaniedTransfer'
              ? `Transfert accompagné vers la file ${body.payload.queue}`
              : `Orienté vers la file ${body.payload.queue}`,
      };
  }
}
