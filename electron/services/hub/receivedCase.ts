import { v5 as uuidv5 } from 'uuid';
import { isOfficialCode } from '../../../shared/domain/codes';
import { ORIGINS, type CallerDetails, type DossierLocation, type DossierNote, type Origin, type Patient, type Qualification, type RemoteUpdatePayload } from '../../../shared/domain/dossier';
import { isCalendarDate } from '../../../shared/domain/hub/hubTime';
import { PRIORITIES, type Priority } from '../../../shared/domain/priority';
import type { CreateCaseHealth, CreateCaseHealthUpdate } from './inboundMessage';

/**
 * From a partner's RS-EDA / RS-EDA-MAJ to our dossier model. Official ids (patientId,
 * medicalNoteId) become stable local UUIDs (name-based, v5), so the same patient or note sent
 * twice — in an RS-EDA and again in an update — is the same object here.
 */
const NAMESPACE = '6f1d9c3e-52a4-4f7e-9a0b-3c2d1e0f4a5b';
export const localIdOf = (officialId: string): string => uuidv5(officialId, NAMESPACE);

const code = <L extends Parameters<typeof isOfficialCode>[0]>(list: L, value: string | undefined) => (value && isOfficialCode(list, value) ? value : null);

function patientOf(p: NonNullable<CreateCaseHealth['patient']>[number]): Patient {
  const nir = p.administrativeFile?.externalId?.find((e) => e.source === 'NIR')?.value ?? null;
  const age = p.detail?.age?.match(/^P(\d{1,3})Y$/);
  const birthDate = p.identity?.strictFeatures?.birthDate;
  return {
    id: localIdOf(p.patientId),
    lastName: p.identity?.nonStrictFeatures?.lastName ?? null,
    firstName: p.identity?.nonStrictFeatures?.firstName ?? null,
    sex: code('sexe', p.identity?.strictFeatures?.sex),
    // A day that does not exist (30 February) is not a birth date: left out, never rolled over.
    birthDate: birthDate && isCalendarDate(birthDate) ? birthDate : null,
    ageYears: age ? Number(age[1]) : null,
    weightKg: p.detail?.weight ?? null,
    ins: nir,
    // The sender only sends an INS for a qualified identity.
    identityQualified: nir !== null,
  };
}

function noteOf(n: NonNullable<CreateCaseHealth['medicalNote']>[number], sender: string, fallbackAt: string): DossierNote {
  return {
    id: localIdOf(n.medicalNoteId),
    text: n.freetext,
    at: n.creation ? new Date(n.creation).toISOString() : fallbackAt,
    authorId: (n.operator.label ?? sender).slice(0, 200),
    authorRole: n.operator.role,
    afterValidation: false,
  };
}

export interface ReceivedCase {
  kind: 'DR' | 'DRM';
  origin: Origin;
  callerPhone: string | null;
  motive: string;
  priority: Priority;
  caller: CallerDetails;
  patients: Patient[];
  qualification: Qualification;
  location: DossierLocation | null;
  notes: DossierNote[];
}

export function receivedCaseOf(c: CreateCaseHealth, sender: string, receivedAt: string): ReceivedCase {
  const caller = c.initialAlert?.caller;
  const phone = caller?.callerContact.type === 'TEL' && /^\+\d{5,18}$/.test(caller.callerContact.detail) ? caller.callerContact.detail : null;
  const callback = caller?.callbackContact?.type === 'TEL' && /^\+\d{5,18}$/.test(caller.callbackContact.detail) ? caller.callbackContact.detail : null;
  const attribution = code('attribution', c.qualification.details?.attribution);
  const coord = c.location.geometry?.point?.coord;
  const city = c.location.city;
  const motive = c.initialAlert?.notes?.find((n) => n.freetext)?.freetext ?? c.qualification.healthMotive?.label ?? c.additionalInformation?.customMap?.find((m) => m.key === 'motive')?.value ?? `Dossier partagé par ${sender}`;
  return {
    kind: attribution && !attribution.startsWith('DRM') ? 'DR' : 'DRM',
    origin: (ORIGINS as readonly string[]).includes(c.qualification.origin ?? '') ? (c.qualification.origin as Origin) : 'AUTRE',
    callerPhone: phone,
    motive: motive.slice(0, 2000),
    priority: (PRIORITIES as readonly string[]).includes(c.qualification.details?.priority ?? '') ? (c.qualification.details!.priority as Priority) : 'P2',
    caller: {
      callbackPhone: callback,
      name: caller?.detailedName?.complete ?? null,
      type: code('typeAppelant', caller?.type),
      language: code('langue', caller?.language),
      communication: code('communication', caller?.communication),
    },
    patients: (c.patient ?? []).map(patientOf),
    qualification: {
      motif: code('motif', c.qualification.healthMotive?.code),
      fait: code('fait', c.qualification.whatsHappen?.code),
      lieu: code('lieu', c.qualification.locationKind?.code),
      filiere: code('filiere', c.perimeter),
      attribution,
    },
    // Without coordinates there is no located address; the text still reaches the dossier's notes.
    location: coord
      ? {
          label: c.location.detailedAddress?.complete ?? city?.name ?? '',
          houseNumber: c.location.detailedAddress?.number ?? null,
          street: c.location.detailedAddress?.wayName?.complete ?? null,
          postcode: null,
          city: city?.name ?? '',
          inseeCode: city?.inseeCode ?? '',
          lat: coord.lat,
          lon: coord.lon,
          precision: code('precision', coord.precision) ?? 'INCONNUE',
          source: c.location.geometry?.point?.isAml ? 'AML' : 'MANUAL',
          floor: c.location.access?.floor ?? null,
          doorCode: c.location.access?.accessCode?.[0] ?? null,
          intercom: c.location.access?.interphone ?? null,
          accessDetails: c.location.freetext ?? null,
        }
      : null,
    notes: [
      ...(c.medicalNote ?? []).map((n) => noteOf(n, sender, receivedAt)),
      // An address without coordinates cannot be a located address here: keep its words.
      ...(!coord && (c.location.detailedAddress || city?.name)
        ? [{ id: localIdOf(`${c.caseId}#address`), text: `Adresse transmise par ${sender} : ${[c.location.detailedAddress?.complete, city?.name, city?.inseeCode].filter(Boolean).join(', ')}`, at: receivedAt, authorId: sender, authorRole: 'AUTRE', afterValidation: false }]
        : []),
    ],
  };
}

export function remoteUpdateOf(u: CreateCaseHealthUpdate, sender: string, distributionId: string, receivedAt: string): RemoteUpdatePayload {
  const received: RemoteUpdatePayload['received'] = [];
  const details = u.qualification?.details;
  if (details?.priority) received.push({ field: 'priority', value: details.priority });
  if (details?.status) received.push({ field: 'status', value: details.status });
  if (u.perimeter) received.push({ field: 'perimeter', value: u.perimeter });
  const location = u.additionalInformation?.customMap?.find((m) => m.key === 'location.label');
  if (location) received.push({ field: 'location', value: location.value });
  if (u.freetext) received.push({ field: 'freetext', value: u.freetext.slice(0, 10_000) });
  return {
    from: sender,
    distributionId,
    patients: (u.patient ?? []).map(patientOf),
    notes: (u.medicalNote ?? []).map((n) => noteOf(n, sender, receivedAt)),
    received,
  };
}
