import type { TranslationKey } from '../../../shared/i18n';
import type { Shortcut } from './shortcut';

/** One entry of the command registry: it feeds the shortcuts, the palette and the hints. */
export interface Command {
  id: string;
  labelKey: TranslationKey;
  labelValues?: Record<string, string>;
  /** Values that are themselves translated (e.g. a branch name), at render time so a language switch applies. */
  labelValueKeys?: Record<string, TranslationKey>;
  shortcut?: Shortcut;
  /** Whether the shortcut also fires while typing in a field (the frequent and risky actions do). */
  inFields?: boolean;
  enabled?: () => boolean;
  run: () => void;
}
