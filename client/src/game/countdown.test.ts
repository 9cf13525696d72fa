import { describe, expect, it } from 'vitest';
import { formatClock, remainingMs } from './countdown.ts';

describe('the phase countdown', () => {
  const timer = {
    round: 1,
    phase: 'diplomacy' as const,
    remainingMs: 90_000,
    paused: false,
    receivedAt: 1000,
  };
  it('counts down from the last timer message and stops at zero', () => {
    expect(remainingMs(timer, 31_000)).toBe(60_000);
    expect(remainingMs(timer, 200_000)).toBe(0);
  });
  it('stands still while paused', () => {
    expect(remainingMs({ ...timer, paused: true }, 61_000)).toBe(90_000);
  });
  it('shows minutes and seconds, rounding up', () => {
    expect(formatClock(90_000)).toBe('1:30');
    expect(formatClock(59_001)).toBe('1:00');
    expect(formatClock(0)).toBe('0:00');
  });
});
