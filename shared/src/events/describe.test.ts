import { describe, expect, it } from 'vitest';
import { playRandomGame } from '../bots/play.ts';
import { FIXTURE_WITH_DECK } from '../testing/fixture.ts';
import { describeEvent } from './describe.ts';
import { EVENT_TYPES } from './types.ts';

describe('describeEvent', () => {
  const seats = ['red', 'blue', 'green', 'gold'];
  const events = Array.from(
    { length: 30 },
    (_, i) =>
      playRandomGame(FIXTURE_WITH_DECK, { seats }, `describe-${i}`, `d${i}`, { keepEvents: true })
        .events,
  ).flat();

  it('gives every event of many random games a sentence with no holes', () => {
    expect(events.length).toBeGreaterThan(1000);
    for (const e of events) {
      const sentence = describeEvent(FIXTURE_WITH_DECK, e);
      expect(sentence.length, e.type).toBeGreaterThan(10);
      expect(sentence, JSON.stringify(e)).not.toMatch(/undefined|NaN|\[object/);
    }
  });

  it('structures every event with its type, round, phase and actors', () => {
    for (const e of events) {
      expect(EVENT_TYPES).toContain(e.type);
      expect(e.round).toBeGreaterThanOrEqual(1);
      expect(typeof e.phase).toBe('string');
      expect(Array.isArray(e.actors)).toBe(true);
    }
  });

  it.each([
    [
      {
        type: 'entrapment',
        actors: ['red', 'green'],
        card: 'frontier-war',
        amounts: { autonomy: -1, power: 2, lockedRounds: 2, entangledRounds: 2 },
      },
      'Entrapment: Red is dragged into frontier-war by its tie with Green',
    ],
    [
      {
        type: 'abandonment',
        actors: ['blue', 'isle'],
        card: 'strait-crisis',
        amounts: { reputation: -3, security: -2 },
      },
      'Abandonment: Blue refuses its treaty ally Isle in strait-crisis',
    ],
    [
      { type: 'tieRaised', actors: ['red', 'gold'], amounts: { from: 2, to: 3 } },
      'Red and Gold raise their tie to a strategic partnership.',
    ],
  ] as const)('words %s plainly', (partial, expected) => {
    const sentence = describeEvent(FIXTURE_WITH_DECK, {
      round: 1,
      phase: 'resolution',
      ...partial,
    } as never);
    expect(sentence).toContain(expected);
  });
});
