import { hasUnsavedWork, type DossierDraft } from './dossierDraft';

/**
 * The unsaved drafts put aside when the ARM starts another dossier (F2, a dossier opened from the
 * queue, a resumed draft): each stays in the tray, newest first, until it is resumed or
 * discarded on purpose. What was typed and not saved is never thrown away silently, and never
 * comes back by itself under the next caller's number.
 */
export interface TrayDraft {
  readonly id: string;
  readonly draft: DossierDraft;
  /** When it was put aside (ISO), to tell two drafts of the same caller apart. */
  readonly asideAt: string;
}

/** The tray with `draft` on top when it holds unsaved work; unchanged otherwise. */
export function putAside(tray: readonly TrayDraft[], draft: DossierDraft, id: string, asideAt: string): TrayDraft[] {
  return hasUnsavedWork(draft) ? [{ id, draft, asideAt }, ...tray] : [...tray];
}

/** Takes one draft out of the tray (to resume or to discard it). */
export function takeFromTray(tray: readonly TrayDraft[], id: string): { draft: DossierDraft | null; tray: TrayDraft[] } {
  const found = tray.find((d) => d.id === id);
  return { draft: found?.draft ?? null, tray: tray.filter((d) => d.id !== id) };
}
