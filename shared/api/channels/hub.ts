import { CARE, TAKERS, read, write } from '../access';
import { channel } from '../channel';
import { attachAppointmentRequest, attachAppointmentResponse, dossierTransmissionsResponse, emptyRequest, getDossierRequest, hubInboxProblemsRequest, hubInboxProblemsResponse, sasAppointmentsResponse, setHubPassphraseRequest, shareDossierRequest, sharePreviewResponse, dossierSchema, syncStatusSchema } from '../schemas';

/** Hub Santé: the exchange's health, what it refused, SAS appointments and each message's fate. */
export const hubChannels = [
  // Hub Santé: everyone on the floor sees whether the exchange works; what it refused (messages
  // as received, with patient data) is for the supervisor; SAS appointments for who books them.
  channel('hub:status', { method: 'hubStatus', request: emptyRequest, response: syncStatusSchema, access: read('session') }),
  // The workstation's certificate is IT's: its pass phrase is set by an ADMIN, kept by the OS secret store.
  channel('hub:setPassphrase', { method: 'setHubPassphrase', request: setHubPassphraseRequest, response: syncStatusSchema, access: write(['ADMIN']) }),
  channel('hub:inboxProblems', { method: 'hubInboxProblems', request: hubInboxProblemsRequest, response: hubInboxProblemsResponse, access: read(['SUPERVISEUR']) }),
  channel('sas:appointmentsToAttach', { method: 'sasAppointmentsToAttach', request: emptyRequest, response: sasAppointmentsResponse, access: read(['OSNP', 'MRL', 'SUPERVISEUR']) }),
  channel('sas:attachAppointment', { method: 'attachSasAppointment', request: attachAppointmentRequest, response: attachAppointmentResponse, access: write(['OSNP', 'MRL']) }),
  // Whether each message of a dossier reached its partner: for whoever works on the dossier.
  // Nothing leaves the room without a person: those who work the dossier share it, after seeing what goes.
  channel('dossier:sharePreview', { method: 'dossierSharePreview', request: getDossierRequest, response: sharePreviewResponse, access: read([...TAKERS, 'SUPERVISEUR']) }),
  channel('dossier:share', { method: 'shareDossier', request: shareDossierRequest, response: dossierSchema, access: write([...TAKERS, 'SUPERVISEUR']) }),
  channel('dossier:transmissions', { method: 'dossierTransmissions', request: getDossierRequest, response: dossierTransmissionsResponse, access: read(CARE) }),
] as const;
