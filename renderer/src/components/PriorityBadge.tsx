import { useTranslation } from 'react-i18next';
import { PRIORITY_SHAPE, type Priority } from '../../../shared/domain/priority';

const SHAPES: Record<(typeof PRIORITY_SHAPE)[Priority], string> = {
  diamond: 'M8 0l8 8-8 8-8-8z',
  triangle: 'M8 1l7 14H1z',
  square: 'M2 2h12v12H2z',
  circle: 'M8 1a7 7 0 1 0 0.01 0z',
  dash: 'M1 6h14v4H1z',
};

/** Priority by letter + shape + colour: readable by colour-blind users and in high contrast. */
export function PriorityBadge({ priority }: { priority: Priority }) {
  const { t } = useTranslation();
  const shape = PRIORITY_SHAPE[priority];
  return (
    <span className={`priority priority-${priority}`} data-shape={shape} role="img" aria-label={`${priority} — ${t(`priority.${priority}`)}`}>
      <svg viewBox="0 0 16 16" width="14" height="14" aria-hidden="true" focusable="false">
        <path d={SHAPES[shape]} />
      </svg>
      <span aria-hidden="true">{priority}</span>
    </span>
  );
}
