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

/** A Hub client id as a sender may claim it: the official shape, bounded, nothing invisible. */
export function isHubClientId(value: string): boolean {
  return value.length <= 100 && HUB_CLIENT_ID.test(value);
}

/** `{senderID}_{unique}`, the unique part in plain visible ASCII (ours are UUIDs). */
export function isDistributionIdOf(senderId: string, distributionId: string): boolean {
  return distributionId.startsWith(`${senderId}_`) && /^[A-Za-z0-9._:-]{1,200}$/.test(distributionId.slice(senderId.length + 1));
}

/** The sender a distributionID claims: everything before the first underscore. */
export function senderOfDistributionId(distributionId: string): string {
  const cut = distributionId.indexOf('_');
  return cut > 0 ? distributionId.slice(0, cut) : '';
}
