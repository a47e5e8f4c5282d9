/**
 * The elements commands put the operator's hands on, by id. Components give these ids to their
 * elements and commands focus them: both import them from here, so neither imports the other
 * (a command that imported a component, and a component that imported the commands, made a loop).
 */
export const FOCUS = {
  /** The caller's number, first field of a new dossier. */
  callerPhone: 'field-callerPhone',
  /** The open dossier's title: the next Tab enters its first field. */
  dossierTitle: 'dossier-title',
  motive: 'field-motive',
  /** The priority radio group (its checked button, or P0's when none is). */
  priority: 'field-priority',
  address: 'field-address',
  queue: 'queue-list',
  noteText: 'note-text',
  regulationNote: 'regulation-note',
  decisionType: 'decision-type',
  decisionCare: 'decision-care',
  osnpList: 'osnp-list',
  callbacks: 'callback-list',
  hubProblems: 'hub-problems',
  sasToAttach: 'sas-to-attach',
  /** The supervisor's screens: the period's first field, the live floor. */
  indicators: 'indicators-from',
  floor: 'floor-view',
  /** The workstation settings: the SIP password and the Hub certificate's pass phrase. */
  sipPassword: 'settings-sip-password',
  hubPassphrase: 'settings-hub-passphrase',
} as const;

/** The patient form's fields are `patient-<field>` (lastName first). */
export function patientFieldId(field: string): string {
  return `patient-${field}`;
}

/** Focus an element once React has rendered it (the command that shows it runs before the render). */
export function focusById(id: string): void {
  requestAnimationFrame(() => document.getElementById(id)?.focus());
}

/** After opening an existing dossier: its title, so the next Tab enters its first field. */
export function focusDossier(): void {
  focusById(FOCUS.dossierTitle);
}

/** The first button of a list (its most urgent row), now: the list is already on screen. */
export function focusFirstButtonIn(id: string): void {
  document.getElementById(id)?.querySelector('button')?.focus();
}

/** A radio group's tab stop: its checked button, else its first one. */
export function focusRadioGroup(id: string): void {
  requestAnimationFrame(() => {
    const group = document.getElementById(id);
    (group?.querySelector<HTMLElement>('[aria-checked="true"]') ?? group?.querySelector<HTMLElement>('[role="radio"]'))?.focus();
  });
}
