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
  /** The manual location form: its commune field first. */
  manualCommune: 'manual-commune',
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

/** Where the hands go in each view when nothing else asked for the focus: its working element first. */
const VIEW_FOCUS: Record<string, readonly string[]> = {
  calls: [FOCUS.dossierTitle, FOCUS.queue],
  regulation: [FOCUS.regulationNote, FOCUS.queue],
  osnp: [FOCUS.osnpList, FOCUS.queue],
  callbacks: [FOCUS.callbacks, FOCUS.queue],
  hubProblems: [FOCUS.hubProblems, FOCUS.queue],
  indicators: [FOCUS.indicators],
  floor: [FOCUS.floor],
};

const FOCUSABLE = 'button:not([disabled]), input:not([disabled]), textarea, select, [tabindex]:not([tabindex="-1"])';

/** The view's working element (or the first thing that takes focus inside it), focused. */
export function focusUsefulPlace(view: string): void {
  for (const id of VIEW_FOCUS[view] ?? []) {
    const element = document.getElementById(id);
    // An element given an id to be focused (a title with tabindex -1) takes it itself.
    const target = element?.matches(FOCUSABLE) || element?.hasAttribute('tabindex') ? element : element?.querySelector<HTMLElement>(FOCUSABLE);
    if (target) return target.focus();
  }
  // Views not listed (the ADMIN's accounts screen) keep their own first Tab stop.
}

/**
 * After a command, a sign-in or an overlay closing: if the focus fell on the page itself (the
 * element that had it is gone), it goes to the view's working element — never left on <body>,
 * where the next keystroke is lost. Checked once the command's own focus move had its frames.
 */
export function ensureFocus(view: () => string): void {
  requestAnimationFrame(() =>
    requestAnimationFrame(() => {
      const active = document.activeElement;
      if (active === null || active === document.body || !active.isConnected) focusUsefulPlace(view());
    }),
  );
}
