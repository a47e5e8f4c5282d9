/**
 * The deadlines of the open callbacks, kept sorted, so that the floor view counts the callbacks
 * due and late in O(log n) on every update instead of reading (and parsing) every open callback:
 * a year of lost calls never called back is tens of thousands of them. Same rules as
 * `isLate` (callbacks.ts): due from the deadline on (a lost call at once), late past it.
 */
export class OpenCallbackDeadlines {
  private readonly byId = new Map<string, number | null>();
  /** Deadlines (ms) of the open callbacks that have one, ascending. */
  private readonly sorted: number[] = [];
  private undated = 0;

  /** Records a callback as it now stands: open with this deadline (null: due at once), or closed. */
  set(id: string, open: boolean, dueAt: string | null): void {
    this.remove(id);
    if (!open) return;
    const due = dueAt === null ? null : Date.parse(dueAt);
    this.byId.set(id, due);
    if (due === null) this.undated += 1;
    else this.sorted.splice(firstAtLeast(this.sorted, due), 0, due);
  }

  counts(now: number): { open: number; due: number; late: number } {
    return { open: this.byId.size, due: this.undated + firstAbove(this.sorted, now), late: firstAtLeast(this.sorted, now) };
  }

  private remove(id: string): void {
    if (!this.byId.has(id)) return;
    const due = this.byId.get(id)!;
    this.byId.delete(id);
    if (due === null) this.undated -= 1;
    else this.sorted.splice(firstAtLeast(this.sorted, due), 1);
  }
}

/** Index of the first value ≥ x (the count of values < x). */
function firstAtLeast(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first value > x (the count of values ≤ x). */
function firstAbove(sorted: readonly number[], x: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid]! <= x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
