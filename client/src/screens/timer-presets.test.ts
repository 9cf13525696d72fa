import { CreateMatchSchema, MAX_PHASE_SECONDS } from '@entanglement/shared';
import { describe, expect, it } from 'vitest';
import { customTimers, TIMER_PRESETS } from './timer-presets.ts';

describe('the timer choices', () => {
  it('every preset is a timer set the server accepts, up to day-long deadlines', () => {
    for (const { timers } of Object.values(TIMER_PRESETS))
      expect(CreateMatchSchema.safeParse({ scenario: 'main', nickname: 'H', timers }).success).toBe(
        true,
      );
    expect(TIMER_PRESETS.day!.timers.diplomacy).toBe(86_400);
  });
  it('custom minutes become seconds, and out-of-range minutes are refused with the range', () => {
    expect(customTimers(90, 5)).toEqual({
      news: 300,
      diplomacy: 5400,
      responses: 5400,
      calls: 5400,
      resolution: 300,
    });
    expect(customTimers(0, 5)).toBe('Minutes to decide: a whole number from 1 to 10080 (a week).');
    expect(customTimers(30, MAX_PHASE_SECONDS / 60 + 1)).toMatch(
      /^Minutes for news and resolution/,
    );
  });
  it('a week is the longest phase the server takes', () => {
    const week = customTimers(MAX_PHASE_SECONDS / 60, 60) as object;
    expect(
      CreateMatchSchema.safeParse({ scenario: 'main', nickname: 'H', timers: week }).success,
    ).toBe(true);
    const tooLong = { diplomacy: MAX_PHASE_SECONDS + 1 };
    expect(
      CreateMatchSchema.safeParse({ scenario: 'main', nickname: 'H', timers: tooLong }).success,
    ).toBe(false);
  });
});
