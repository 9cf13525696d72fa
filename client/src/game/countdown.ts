import type { MatchSnapshot } from '../net/match-connection.ts';

/** Milliseconds left in the phase now, counted down locally from the last timer message. */
export function remainingMs(timer: MatchSnapshot['timer'], now = performance.now()): number {
  if (!timer) return 0;
  if (timer.paused) return timer.remainingMs;
  return Math.max(0, timer.remainingMs - (now - timer.receivedAt));
}

export function formatClock(ms: number): string {
  const total = Math.ceil(ms / 1000);
  const m = Math.floor(total / 60);
  return `${m}:${String(total % 60).padStart(2, '0')}`;
}
