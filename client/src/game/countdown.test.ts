import { describe, expect, it } from 'vitest';
import { extensionStep, formatClock, formatDeadline, remainingMs } from './countdown.ts';

describe('the phase countdown', () => {
  const timer = {
    round: 1,
    phase: 'diplomacy' as const,
    remainingMs: 90_000,
    paused: false,
    endsAt: Date.UTC(2026, 11, 4, 13, 5),
    extensionsLeft: 3,
    extensionCapSeconds: 300,
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
  it('shows hours and days for phases played over days', () => {
    expect(formatClock(3600_000)).toBe('1 h 0 min');
    expect(formatClock(3 * 3600_000 + 20 * 60_000)).toBe('3 h 20 min');
    expect(formatClock(2 * 86_400_000 + 5 * 3600_000)).toBe('2 d 5 h');
  });
  it("shows a long phase's end in the reader's own time zone, from the server's endsAt", () => {
    const long = { ...timer, remainingMs: 20 * 3600_000 };
    expect(formatDeadline(long, 'en-GB', 'Europe/London')).toBe('ends Fri 4 Dec, 13:05 GMT');
    expect(formatDeadline(long, 'en-GB', 'Asia/Shanghai')).toBe('ends Fri 4 Dec, 21:05 GMT+8');
    expect(formatDeadline(timer, 'en-GB', 'Europe/London')).toBe('');
    expect(formatDeadline({ ...long, paused: true }, 'en-GB', 'Europe/London')).toBe('');
  });
  it('extends a short phase by a minute and a day-long one by a quarter of its cap', () => {
    expect(extensionStep(timer)).toBe(60);
    expect(extensionStep({ ...timer, extensionCapSeconds: 86_400 })).toBe(21_600);
  });
});
