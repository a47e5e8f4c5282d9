import { cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PRIORITIES, PRIORITY_SHAPE } from '../../../shared/domain/priority';
import { PriorityBadge } from '../../../renderer/src/components/PriorityBadge';
import { initI18n } from '../../../renderer/src/i18n';

describe('PriorityBadge', () => {
  beforeAll(() => initI18n('fr'));
  afterEach(cleanup);

  it.each(PRIORITIES)('%s is shown by letter, shape and colour class, with a spoken label', (priority) => {
    render(<PriorityBadge priority={priority} />);
    const badge = screen.getByRole('img');
    expect(badge.textContent).toBe(priority);
    expect(badge.getAttribute('data-shape')).toBe(PRIORITY_SHAPE[priority]);
    expect(badge.className).toContain(`priority-${priority}`);
    expect(badge.getAttribute('aria-label')).toMatch(new RegExp(`^${priority} — \\S`));
    expect(badge.querySelector('svg path')?.getAttribute('d')).toBeTruthy();
  });

  it('gives every priority a different shape', () => {
    expect(new Set(Object.values(PRIORITY_SHAPE)).size).toBe(PRIORITIES.length);
  });
});
