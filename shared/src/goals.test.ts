import { describe, expect, it } from 'vitest';
import { getScenario } from './content/index.ts';
import { ctxOf } from './ctx.ts';
import { parFor, seatGoals, thresholdsFor } from './goals.ts';
import { stateHash } from './hash.ts';
import { openReplay } from './replay/replay.ts';
import { RULES_VERSION } from './rules.ts';
import type { Goal, Scenario } from './scenario/schema.ts';
import { scoreMatch } from './scoring.ts';
import { drive } from './testing/drive.ts';
import { FIXTURE } from './testing/fixture.ts';

// The fixture: 6 rounds by default (2 to 8), 4 seats at most.
const ctx = ctxOf(FIXTURE);
const goal = (g: Partial<Goal> & Pick<Goal, 'kind'>): Goal =>
  ({ label: 'Goal {thresholds}', thresholds: [2, 4, 6], ...g }) as Goal;

describe('goals fitted to the match (docs/rules.md §13)', () => {
  it.each([
    // [goal, rounds, seats, thresholds]
    [goal({ kind: 'wealthGrowth', thresholds: [6, 12, 18] }), 6, 4, [6, 12, 18]],
    // Without anchors a goal that piles up scales with the rounds; a level stays as it is.
    [goal({ kind: 'wealthGrowth', thresholds: [6, 12, 18] }), 3, 4, [3, 6, 9]],
    [goal({ kind: 'trackAtLeast', track: 'security', thresholds: [6, 8, 10] }), 3, 4, [6, 8, 10]],
    // Anchors: straight lines between them, the nearest segment carried on past them.
    [
      goal({ kind: 'wealthGrowth', thresholds: [6, 12, 18], byRounds: { '2': [2, 4, 6] } }),
      4,
      4,
      [4, 8, 12],
    ],
    [
      goal({ kind: 'wealthGrowth', thresholds: [6, 12, 18], byRounds: { '2': [2, 4, 6] } }),
      8,
      4,
      [8, 16, 24],
    ],
    // Seats: the seat anchors' difference from the base adds to the rounds' line.
    [
      goal({
        kind: 'wealthGrowth',
        thresholds: [6, 12, 18],
        byRounds: { '2': [2, 4, 6] },
        bySeats: { '2': [4, 8, 12] },
      }),
      4,
      3,
      [3, 6, 9],
    ],
    // Kept inside the value's range, and in order.
    [
      goal({
        kind: 'trackAtLeast',
        track: 'security',
        thresholds: [6, 8, 10],
        byRounds: { '2': [4, 6, 8] },
      }),
      8,
      4,
      [7, 9, 10],
    ],
    [goal({ kind: 'roundsEntangledAtMost', thresholds: [3, 1, 0] }), 2, 4, [1, 0, 0]],
  ] as [Goal, number, number, number[]][])(
    '%o at %i rounds, %i seats: %o',
    (g, rounds, seats, want) => {
      expect(thresholdsFor(ctx, g, rounds, seats)).toEqual(want);
    },
  );

  it('fits par the same way, to a tenth of a star', () => {
    const scenario: Scenario = {
      ...FIXTURE,
      actors: FIXTURE.actors.map((a) =>
        a.id === 'red' && a.seat
          ? { ...a, seat: { ...a.seat, par: 6, parByRounds: { '2': 4 }, parBySeats: { '2': 5 } } }
          : a,
      ),
    };
    const c = ctxOf(scenario);
    expect(parFor(c, 'red', 6, 4)).toBe(6);
    expect(parFor(c, 'red', 3, 4)).toBe(4.5);
    expect(parFor(c, 'red', 6, 3)).toBe(5.5);
    expect(parFor(c, 'blue', 3, 3)).toBe(4);
  });

  it('writes the thresholds of the match into the label', () => {
    const m = drive({ seats: ['red', 'blue', 'green'], rounds: 6 });
    const scenario: Scenario = {
      ...FIXTURE,
      actors: FIXTURE.actors.map((a) =>
        a.id === 'red' && a.seat
          ? {
              ...a,
              seat: {
                ...a.seat,
                goals: [
                  goal({
                    kind: 'wealthGrowth',
                    label: 'Grow by {thresholds}',
                    thresholds: [6, 12, 18],
                  }),
                  ...a.seat.goals.slice(1),
                ],
              },
            }
          : a,
      ),
    };
    expect(seatGoals(ctxOf(scenario), m.state, 'red')[0]!.label).toBe('Grow by 6/12/18');
  });
});

describe('ending a match early (docs/rules.md §13)', () => {
  it('is scored on the rounds resolved, and its log replays to the same end', () => {
    const tutorial = getScenario('tutorial-1950');
    const m = drive({}, tutorial, 'early');
    const hashes: { round: number; phase: string; hash: string }[] = [];
    const closing = (close: () => unknown) => {
      const at = { round: m.state.round, phase: m.state.phase };
      close();
      hashes.push({ ...at, hash: stateHash(m.state) });
    };
    // Round 1 to its results, round 2 into negotiation: then the host ends it.
    while (m.state.round < 2 || m.state.phase !== 'diplomacy') closing(() => m.advance());
    closing(() => m.endMatch());
    expect(m.state.phase).toBe('ended');
    expect(m.state.ending).toEqual({ round: 2, reason: 'endedEarly', roundsPlayed: 1 });
    expect(m.events.at(-1)).toMatchObject({ type: 'matchEnded', detail: { reason: 'endedEarly' } });
    expect(scoreMatch(tutorial, m.state).map((s) => s.rank)).toEqual([1, 2, 3]);

    const replay = openReplay({
      scenarioId: tutorial.id,
      rulesVersion: RULES_VERSION,
      seed: 'early',
      settings: {},
      log: m.log,
      phaseHashes: hashes,
    });
    expect(replay.timeline.at(-1)).toMatchObject({ round: 2, phase: 'ended' });
    expect(replay.timeline.map((e) => e.hash).slice(0, -1)).toEqual(hashes.map((h) => h.hash));
  });

  it('is refused once the match is over', () => {
    const m = drive({ seats: ['red', 'blue', 'green'] });
    m.endMatch();
    expect(() => m.endMatch()).toThrow(/over/);
  });
});
