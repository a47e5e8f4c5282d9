import { expect, type Page } from '@playwright/test';

/**
 * The keyboard flows several specs (and the keystroke count bench) drive the same way: one copy of
 * each, so that a change of the screens is followed in one place. Each flow checks what it passes
 * through; what a spec checks beyond that stays in the spec.
 */

/** What presses and types: the page's own keyboard, or a keyboardCounter that counts as it goes. */
export interface Keys {
  press(key: string): Promise<void>;
  type(text: string): Promise<void>;
}

/** How a flow drives the page: which keys (counted or not) and how long each check waits. */
export interface Drive {
  keys?: Keys;
  /** Each check's wait, where the caller wants more than the runner's default (a loaded machine, several desks). */
  timeout?: number;
}

function drive(page: Page, options: Drive): { keys: Keys; wait: { timeout?: number } } {
  return { keys: options.keys ?? page.keyboard, wait: options.timeout ? { timeout: options.timeout } : {} };
}

/** As the ARM: a new call (F2), the caller's number, the motive; the focus left in the motive. */
async function startCall(page: Page, call: { phone: string; motive: string }, options: Drive): Promise<void> {
  const { keys, wait } = drive(page, options);
  await keys.press('F2');
  await expect(page.getByLabel('Téléphone de l’appelant')).toBeFocused(wait);
  await keys.type(call.phone);
  await keys.press('Tab');
  await keys.type(call.motive);
}

/** As the ARM: a new call, the priority's shortcut (Alt+1 = P1…), saved. */
export async function takeCall(page: Page, call: { phone: string; motive: string; priority: '1' | '2' | '3' }, options: Drive = {}): Promise<void> {
  const { keys, wait } = drive(page, options);
  await startCall(page, call, options);
  await keys.press(`Alt+${call.priority}`);
  await keys.press('Control+s');
  await expect(page.getByTestId('save-status')).toContainText('Enregistré', wait);
}

/** As the ARM: a non-medical call (the priority left to the regulation, 9), typed DR with ↑ in its list, saved. */
export async function takeNonMedicalCall(page: Page, call: { phone: string; motive: string }, options: Drive = {}): Promise<void> {
  const { keys, wait } = drive(page, options);
  await startCall(page, call, options);
  await keys.press('Tab');
  await keys.press('9');
  await keys.press('Tab');
  await expect(page.getByLabel('Type de dossier')).toBeFocused(wait);
  await keys.press('ArrowUp');
  await expect(page.getByLabel('Type de dossier')).toHaveValue('DR', wait);
  await keys.press('Control+s');
  await expect(page.getByTestId('save-status')).toContainText('Enregistré', wait);
}

/**
 * From the address field (focused once a call is saved): the typed start of an address, the
 * first line the index offers chosen with Entrée, the dossier located. `source` is checked while
 * the list is up (it goes once a place is chosen).
 */
export async function locateAddress(page: Page, address: { typed: string; offered: string; located: string; source?: string }, options: Drive = {}): Promise<void> {
  const { keys, wait } = drive(page, options);
  await expect(page.getByLabel('Adresse')).toBeFocused(wait);
  await keys.type(address.typed);
  if (address.source) await expect(page.getByTestId('address-source')).toContainText(address.source, wait);
  await expect(page.getByTestId('address-field').getByRole('option').first()).toContainText(address.offered, wait);
  await keys.press('Enter');
  await expect(page.getByTestId('address-field')).toContainText(address.located, wait);
}

/** From the located address: floor, door code and intercom, each saved on leaving it, on to the patient's name. */
export async function fillAccess(page: Page, access: { floor: string; doorCode: string; intercom: string }, options: Drive = {}): Promise<void> {
  const { keys, wait } = drive(page, options);
  await keys.press('Tab');
  await expect(page.getByLabel('Étage')).toBeFocused(wait);
  await keys.type(access.floor);
  await keys.press('Tab');
  await keys.type(access.doorCode);
  await keys.press('Tab');
  await keys.type(access.intercom);
  await keys.press('Tab');
  await keys.press('Tab');
  await expect(page.getByLabel('Nom du patient', { exact: true })).toBeFocused(wait);
}

/** From the patient's name: name, given name, sex, birth date, Entrée. What the services said is the caller's to check. */
export async function typePatient(page: Page, patient: { family: string; given: string; sex: string; birthDate: string }, options: Drive = {}): Promise<void> {
  const { keys } = drive(page, options);
  await keys.type(patient.family);
  await keys.press('Tab');
  await keys.type(patient.given);
  await keys.press('Tab');
  await keys.type(patient.sex);
  await keys.press('Tab');
  await keys.type(patient.birthDate);
  await keys.press('Enter');
}

/**
 * From the routed dossier: past age, weight, identity check and the patient list to the callback
 * number, then the caller's name and type, on to the official motif code, chosen and left.
 */
export async function fillCallerAndMotif(
  page: Page,
  caller: { callback: string; callbackShown: string; name: string; typed: string; type: string; motif: string },
  options: Drive = {},
): Promise<void> {
  const { keys, wait } = drive(page, options);
  for (let i = 0; i < 5; i++) await keys.press('Tab');
  await expect(page.getByLabel('Numéro de rappel')).toBeFocused(wait);
  await keys.type(caller.callback);
  await keys.press('Tab');
  await expect(page.getByTestId('caller-section')).toContainText(caller.callbackShown, wait);
  await keys.type(caller.name);
  await keys.press('Tab');
  await keys.type(caller.typed);
  await keys.press('Tab');
  await expect(page.getByLabel('Type d’appelant')).toHaveValue(caller.type, wait);
  await keys.press('Tab');
  await keys.press('Tab');
  await expect(page.getByLabel('Motif (code)')).toBeFocused(wait);
  await keys.type(caller.motif);
  const code = new RegExp(`^${caller.motif.replace(/[.]/g, '\\.')}`);
  await expect(page.getByLabel('Motif (code)')).toHaveValue(code, wait);
  await keys.press('Tab');
  await expect(page.getByLabel('Motif (code)')).toHaveValue(code, wait);
}

/**
 * A command from the palette (Ctrl+K), each step waited for: on a loaded machine keys outrun the
 * screen. Its search field by role, not by label: the screen may be in English.
 */
export async function palette(page: Page, command: string, options: Drive = {}): Promise<void> {
  const { keys, wait } = drive(page, options);
  await keys.press('Control+k');
  await expect(page.getByRole('dialog').getByRole('combobox')).toBeFocused(wait);
  await keys.type(command);
  await expect(page.getByRole('option', { name: command }).first()).toBeVisible(wait);
  await keys.press('Enter');
  await expect(page.getByRole('dialog')).toHaveCount(0, wait);
}

/** As a regulator: the next dossier routed to this branch (F8), where given the one with this motive; the note field takes the focus. */
export async function takeNextDossier(page: Page, motive: string | null, options: Drive = {}): Promise<void> {
  const { keys, wait } = drive(page, options);
  await keys.press('F8');
  if (motive !== null) await expect(page.getByTestId('regulation')).toContainText(motive, wait);
  await expect(page.getByLabel('Nouvelle note (Entrée pour enregistrer)')).toBeFocused(wait);
}

/** As a regulator, from the note field: a note, saved with Entrée. */
export async function writeNote(page: Page, note: string, options: Drive = {}): Promise<void> {
  const { keys, wait } = drive(page, options);
  await expect(page.getByLabel('Nouvelle note (Entrée pour enregistrer)')).toBeFocused(wait);
  await keys.type(note);
  await keys.press('Enter');
  await expect(page.getByTestId('regulation-notes')).toContainText(note, wait);
}

/**
 * As the GP regulator: ORIENT CABINET R3 (Alt+Maj+O), no transport, the text for the caller,
 * sent with `submit` (Entrée from the text, or Ctrl+Entrée from anywhere in the form).
 * What the screen then says is the caller's to check.
 */
export async function decideOrientCabinet(page: Page, advice: string, options: Drive & { submit?: 'Enter' | 'Control+Enter' } = {}): Promise<void> {
  const { keys, wait } = drive(page, options);
  await keys.press('Alt+Shift+o');
  await expect(page.getByLabel('Niveau de soin')).toBeFocused(wait);
  await expect(page.getByLabel('Type de décision')).toHaveValue('ORIENT', wait);
  await keys.type('R3');
  await keys.press('Tab');
  await keys.type('CAB');
  await expect(page.getByLabel('Orientation')).toHaveValue('CABINET', wait);
  await keys.press('Tab'); // transport: left unticked (no)
  await keys.press('Tab');
  await keys.type(advice);
  await keys.press(options.submit ?? 'Enter');
}

/** As the OSNP: the waiting list (Alt+O), its first row (this motive) opened; the practitioner field takes the focus. */
export async function openOsnpBooking(page: Page, motive: string, options: Drive = {}): Promise<void> {
  const { keys, wait } = drive(page, options);
  await keys.press('Alt+o');
  const row = page.getByTestId('osnp-row').first();
  await expect(row).toContainText(motive, wait);
  await expect(row.getByRole('button')).toBeFocused(wait);
  await keys.press('Enter');
  await expect(page.getByLabel('Praticien')).toBeFocused(wait);
}

/** As the OSNP, from the practitioner field: who, where, the consultation type left (AMB), when. Not yet sent (Entrée is the caller's). */
export async function typeAppointment(page: Page, appointment: { practitioner: string; place: string; startsAt: string }, options: Drive = {}): Promise<void> {
  const { keys } = drive(page, options);
  await keys.type(appointment.practitioner);
  await keys.press('Tab');
  await keys.type(appointment.place);
  await keys.press('Tab'); // consultation type: cabinet (AMB) by default
  await keys.press('Tab');
  await keys.type(appointment.startsAt);
}

/** Tomorrow 09:30 on the site's clock, as the OSNP types it (not the browser's zone). */
export function tomorrowAt930(timeZone: string): string {
  const d = new Date(Date.now() + 24 * 3_600_000);
  return `${new Intl.DateTimeFormat('fr-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(d)}T09:30`;
}
