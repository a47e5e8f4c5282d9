/**
 * What is left before a deadline (the OSNP's 48 h promise), in whole minutes, or how long ago it
 * passed: the screen counts down rather than making the operator subtract dates.
 */
export interface Countdown {
  readonly late: boolean;
  readonly hours: number;
  readonly minutes: number;
}

export function countdown(deadline: string, now: number): Countdown {
  const left = Date.parse(deadline) - now;
  const total = Math.floor(Math.abs(left) / 60_000);
  return { late: left < 0, hours: Math.floor(total / 60), minutes: total % 60 };
}
