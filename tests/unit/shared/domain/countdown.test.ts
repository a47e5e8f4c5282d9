import { describe, expect, it } from 'vitest';
import { countdown } from '../../../../shared/domain/countdown';

describe('countdown to a deadline', () => {
  const deadline = '2026-12-08T09:00:00.000Z';
  it('whole hours and minutes left, rounded down', () => {
    expect(countdown(deadline, Date.parse('2026-12-06T09:00:00Z'))).toEqual({ late: false, hours: 48, minutes: 0 });
    expect(countdown(deadline, Date.parse('2026-12-07T21:47:30Z'))).toEqual({ late: false, hours: 11, minutes: 12 });
    expect(countdown(deadline, Date.parse('2026-12-08T08:59:59Z'))).toEqual({ late: false, hours: 0, minutes: 0 });
  });
  it('how long ago it passed', () => {
    expect(countdown(deadline, Date.parse('2026-12-08T10:05:00Z'))).toEqual({ late: true, hours: 1, minutes: 5 });
  });
});
