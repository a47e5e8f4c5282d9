import { useTranslation } from 'react-i18next';
import { PRIORITIES, type Priority } from '../../../shared/domain/priority';
import { PriorityBadge } from './PriorityBadge';

const DIGIT_CODES: Record<string, Priority> = { Digit0: 'P0', Numpad0: 'P0', Digit1: 'P1', Numpad1: 'P1', Digit2: 'P2', Numpad2: 'P2', Digit3: 'P3', Numpad3: 'P3', Digit9: 'NR', Numpad9: 'NR' };

/**
 * A radio group with one tab stop: arrows move, and the digit of the priority picks it
 * directly (0 for P0 … 3 for P3, 9 for NR), whatever the keyboard layout. A new dossier has
 * none checked: the ARM chooses it.
 */
export function PriorityPicker({ value, onChange, disabled, invalid, describedBy }: { value: Priority | null; onChange: (p: Priority) => void; disabled?: boolean; invalid?: boolean; describedBy?: string }) {
  const { t } = useTranslation();
  const onKeyDown = (event: React.KeyboardEvent) => {
    if (event.altKey || event.ctrlKey || event.metaKey) return;
    const direct = DIGIT_CODES[event.code];
    // Nothing chosen yet: the arrows start from P0's side, never from a preselected value.
    const index = value === null ? -1 : PRIORITIES.indexOf(value);
    const next =
      direct ??
      (event.key === 'ArrowRight' || event.key === 'ArrowDown'
        ? PRIORITIES[(index + 1) % PRIORITIES.length]
        : event.key === 'ArrowLeft' || event.key === 'ArrowUp'
          ? PRIORITIES[(index - 1 + PRIORITIES.length) % PRIORITIES.length]
          : undefined);
    if (!next) return;
    event.preventDefault();
    onChange(next);
    document.getElementById(`priority-${next}`)?.focus();
  };
  return (
    <div role="radiogroup" id="field-priority" aria-label={t('priority.label')} aria-invalid={invalid || undefined} aria-describedby={describedBy} className={`priority-picker${invalid ? ' invalid' : ''}`} onKeyDown={onKeyDown}>
      {PRIORITIES.map((p) => (
        <button
          key={p}
          id={`priority-${p}`}
          type="button"
          role="radio"
          aria-checked={p === value}
          aria-label={`${p} — ${t(`priority.${p}`)}`}
          tabIndex={p === value || (value === null && p === PRIORITIES[0]) ? 0 : -1}
          disabled={disabled}
          onClick={() => onChange(p)}
        >
          <PriorityBadge priority={p} />
          <span className="priority-name">{t(`priority.${p}`)}</span>
        </button>
      ))}
    </div>
  );
}
