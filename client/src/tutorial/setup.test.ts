import { CreateMatchSchema, getScenario } from '@entanglement/shared';
import { describe, expect, it } from 'vitest';
import { TUTORIAL_SCENARIO, TUTORIAL_SEAT, tutorialOptions } from './setup.ts';

describe('the tutorial match', () => {
  it('is a match the server accepts: quick pace, the required seats, two-hour timers', () => {
    const parsed = CreateMatchSchema.parse(tutorialOptions('Ana'));
    const scenario = getScenario(TUTORIAL_SCENARIO);
    expect(parsed.pace).toBe('quick');
    expect(parsed.seats).toEqual(scenario.seats.required);
    expect(parsed.seats).toContain(TUTORIAL_SEAT);
    for (const seconds of Object.values(parsed.timers ?? {})) expect(seconds).toBe(7200);
  });

  it('is refused with a nickname the server refuses', () => {
    expect(CreateMatchSchema.safeParse(tutorialOptions('')).success).toBe(false);
  });
});
