import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { playRandomGame } from './bots/play.ts';
import { randomCandidates } from './bots/random.ts';
import { isSeatCommand } from './commands/schema.ts';
import { commandProblem } from './commands/validate.ts';
import { getScenario } from './content/index.ts';
import { ctxOf } from './ctx.ts';
import { legalCommands } from './legal.ts';
import { seatBudget } from './plan.ts';
import { seedToState } from './rng.ts';
import type { Scenario } from './scenario/schema.ts';
import { stateOfView } from './seat-state.ts';
import { drive } from './testing/drive.ts';
import { FIXTURE_WITH_DECK } from './testing/fixture.ts';
import { viewFor } from './view.ts';

const scenarios: [string, Scenario, number][] = [
  ['fixture', FIXTURE_WITH_DECK, 8],
  ['main', getScenario('main'), 2],
];

describe.each(scenarios)('a seat’s view is enough for the client on %s', (_n, scenario, runs) => {
  const ctx = ctxOf(scenario);
  const seats = [...scenario.seats.required, ...scenario.seats.optional];

  it('legalCommands and commandProblem answer the same from the view as from the state', () => {
    fc.assert(
      fc.property(
        fc.string({ minLength: 1, maxLength: 8 }),
        fc.constantFrom('quick', 'full'),
        (s, pace) => {
          const rng = { rng: seedToState(`probe:${s}`) };
          let checked = 0;
          playRandomGame(scenario, { seats, pace: pace as 'quick' | 'full' }, s, s, {
            onStep: (state, cmd) => {
              if (state.phase === 'ended' || !isSeatCommand(cmd)) return;
              // One seat per step keeps the run short; over a game every seat is probed.
              const seat = state.seats[checked++ % state.seats.length]!;
              const fromView = stateOfView(viewFor(state, seat));
              expect(legalCommands(scenario, fromView, seat)).toEqual(
                legalCommands(scenario, state, seat),
              );
              for (const probe of randomCandidates(scenario, state, seat, rng))
                expect(commandProblem(ctx, fromView, probe)).toBe(
                  commandProblem(ctx, state, probe),
                );
            },
          });
          expect(checked).toBeGreaterThan(0);
        },
      ),
      { numRuns: runs },
    );
  });
});

describe('seatBudget', () => {
  it('counts the action points and Wealth a seat’s orders spend', () => {
    const scenario = FIXTURE_WITH_DECK;
    const m = drive({}, scenario);
    const seat = m.state.seats[0]!;
    const before = seatBudget(scenario, m.state, seat);
    expect(before.actionPoints.used).toBe(0);
    expect(before.actionPoints.max).toBeGreaterThan(0);
    const region = scenario.regions[0]!.id;
    m.advance();
    m.seat(seat, { kind: 'order', order: { kind: 'invest', region, amount: 2 } });
    const after = seatBudget(scenario, m.state, seat);
    expect(after.actionPoints.used).toBe(1);
    expect(after.wealth.planned).toBe(2);
    expect(after.wealth.have).toBe(m.state.actors[seat]!.wealth);
  });
});
