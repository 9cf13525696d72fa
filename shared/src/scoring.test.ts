import { describe, expect, it } from 'vitest';
import { starsFor } from './goals.ts';
import type { Goal } from './scenario/schema.ts';
import { awards, scoreMatch } from './scoring.ts';
import { drive } from './testing/drive.ts';
import { FIXTURE } from './testing/fixture.ts';

describe('stars against par (docs/rules.md §13)', () => {
  it.each([
    [{ kind: 'trackAtLeast', track: 'reputation', thresholds: [6, 8, 10], label: '' }, 5, 0],
    [{ kind: 'trackAtLeast', track: 'reputation', thresholds: [6, 8, 10], label: '' }, 8, 2],
    [{ kind: 'trackAtLeast', track: 'reputation', thresholds: [6, 8, 10], label: '' }, 10, 3],
    [{ kind: 'roundsEntangledAtMost', thresholds: [3, 1, 0], label: '' }, 0, 3],
    [{ kind: 'roundsEntangledAtMost', thresholds: [3, 1, 0], label: '' }, 1, 2],
    [{ kind: 'roundsEntangledAtMost', thresholds: [3, 1, 0], label: '' }, 3, 1],
    [{ kind: 'roundsEntangledAtMost', thresholds: [3, 1, 0], label: '' }, 4, 0],
  ] as [Goal, number, number][])('%o at %i gives %i stars', (goal, value, stars) => {
    expect(starsFor(goal, goal.thresholds, value)).toBe(stars);
  });

  it('adds the secret objective, takes a star per grievance (at most 3) and ranks by margin over par', () => {
    const m = drive({ seats: ['red', 'blue', 'green', 'gold'] });
    m.state.actors.red!.reputation = 10;
    m.state.actors.red!.objective = 'liked';
    m.state.actors.blue!.objective = 'rich';
    m.state.actors.blue!.wealth = 0;
    m.state.actors.isle!.grievances.blue = 2;
    m.state.actors.allies!.grievances.blue = 3;
    const scores = scoreMatch(FIXTURE, m.state);
    const red = scores.find((s) => s.seat === 'red')!;
    const blue = scores.find((s) => s.seat === 'blue')!;
    expect(red.objective?.met).toBe(true);
    expect(red.goals[0]!.stars).toBe(3);
    expect(blue.grievancePenalty).toBe(3);
    expect(blue.objective?.met).toBe(false);
    expect(scores[0]!.seat).toBe('red');
    expect(scores.map((s) => s.rank)).toEqual([1, 2, 3, 4]);
    expect(red.margin).toBe(red.stars - 4);
  });

  it('after a great-power war its makers rank last and everyone else’s stars are cut by a quarter', () => {
    const m = drive({ seats: ['red', 'blue', 'green'] });
    m.state.actors.green!.reputation = 10;
    const peace = scoreMatch(FIXTURE, m.state);
    // Scored on as many rounds as the peace was, so that only the war's cut differs.
    m.state.ending = { round: 1, reason: 'greatPowerWar', roundsPlayed: m.state.settings.rounds };
    m.state.warMakers = ['green'];
    const war = scoreMatch(FIXTURE, m.state);
    expect(war[war.length - 1]!.seat).toBe('green');
    const red = (s: typeof war) => s.find((x) => x.seat === 'red')!.stars;
    expect(red(war)).toBeCloseTo(red(peace) * 0.75);
  });

  it('gives awards only to seats that earned them', () => {
    const m = drive({ seats: ['red', 'blue', 'green'] });
    m.state.actors.red!.stats.entrapped = 2;
    const list = awards(FIXTURE, m.state);
    expect(list.find((a) => a.id === 'mostEntrapped')?.seat).toBe('red');
    expect(list.find((a) => a.id === 'bestBroker')).toBeUndefined();
  });
});
