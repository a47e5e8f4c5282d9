/**
 * Identifiers in the official Hub Santé formats. The patterns are those of the RS-EDA schema:
 * a patientId is `{org}.patient.{dossier}.{n}`, a medicalNoteId `{org}.medicalNote.{n}`, a
 * distributionID `{senderID}_{unique}`.
 */
export const HUB_CLIENT_ID = /^fr\.[a-z]+\.[a-z0-9.-]+$/;
const PATIENT_ID = /^([a-zA-Z0-9_-]+\.){3,8}patient(\.[a-zA-Z0-9_-]+){1,2}$/;
const MEDICAL_NOTE_ID = /^([a-zA-Z0-9_-]+\.){3,8}medicalNote(\.[a-zA-Z0-9_-]+){1,2}$/;

export function patientIdFor(clientId: string, localNumber: string, patientUuid: string): string {
  return `${clientId}.patient.${localNumber}.${patientUuid}`;
}

export function medicalNoteIdFor(clientId: string, noteUuid: string): string {
  return `${clientId}.medicalNote.${noteUuid}`;
}

export function distributionIdFor(senderId: string, uuid: string): string {
  return `${senderId}_${uuid}`;
}

export function isPatientId(value: string): boolean {
  return PATIENT_ID.test(value);
}

export function isMedicalNoteId(value: string): boolean {
  return MEDICAL_NOTE_ID.test(value);
}

/** The sender a distributionID claims: everything before the first underscore. */
export function senderOfDistributionId(distributionId: string): string {
  const cut = distributionId.indexOf('_');
  return cut > 0 ? distributionId.slice(0, cut) : '';
}
