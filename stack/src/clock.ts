import type { StackClock } from './types';

/** Real time plus an offset that tests move forward to expire credentials. */
export function createClock(): StackClock {
  let offset = 0;
  return {
    advance(ms: number): void {
      if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`clock.advance needs a non-negative number of ms, got ${ms}`);
      offset += ms;
    },
    offsetMs: () => offset,
    now: () => new Date(Date.now() + offset),
  };
}
