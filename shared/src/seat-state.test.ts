import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { doctrineBot } from './bots/bot.ts';
import { playRandomGame } from './bots/play.ts';
import { nextRandomCommand, randomCandidates } from './bots/random.ts';
import { doctrineFor } from './bots/roster.ts';
import { owedDecisions } from './commands/owed.ts';
import { isSeatCommand } from './commands/schema.ts';
import { commandProblem } from './commands/validate.ts';
import { getScenario } from './content/index.ts';
import { ctxOf } from './ctx.ts';
import { answerCosts, silentAnswer } from './explain/answer-costs.ts';
import { cloneState, stateHash } from './hash.ts';
import { legalCommands } from './legal.ts';
import { entanglementMeter } from './meter.ts';
import { seatBudget, seatPlan } from './plan.ts';
import { injectableCards, previewCrisis } from './preview.ts';
import { seedToState } from './rng.ts';
import type { Scenario } from './scenario/schema.ts';
import { awards, scoreMatch } from './scoring.ts';
import { stateOfView } from './seat-state.ts';
import type { MatchState } from './state.ts';
import { drive } from './testing/drive.ts';
import { FIXTURE_WITH_DECK } from './testing/fixture.ts';
import { type SeatView, viewFor } from './view.ts';
import { PHASES } from './vocabulary.ts';

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

/** Freezes every object and array reachable from `value`: a write to it then throws (modules are strict). */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/**
 * Every query the client and the bots run on a seat's state, as they run
 * it: the engine's queries take a read-only state (DeepReadonly) although
 * they are written against MatchState, so this checks at run time that
 * none of them writes to what it is given.
 */
function runQueries(scenario: Scenario, view: SeatView, seat: string, rng: { rng: number }) {
  const ctx = ctxOf(scenario);
  const state = deepFreeze(stateOfView(view));
  for (const option of legalCommands(scenario, state, seat)) expect(option).toBeDefined();
  for (const probe of randomCandidates(scenario, state, seat, rng))
    commandProblem(ctx, state, probe);
  nextRandomCommand(scenario, state, seat, rng);
  seatBudget(scenario, state, seat);
  seatPlan(state, seat);
  owedDecisions(ctx, state, seat);
  for (const card of injectableCards(scenario, state)) previewCrisis(scenario, state, card);
  scoreMatch(scenario, state);
  awards(scenario, state);
  entanglementMeter(scenario, state);
  for (const crisis of state.crises) {
    answerCosts(scenario, state, seat, crisis.uid);
    silentAnswer(scenario, state, seat, crisis.uid);
  }
  for (const level of ['easy', 'normal', 'hard'] as const)
    doctrineBot(doctrineFor(scenario, seat), level).decide(scenario, view, { rng });
}

describe('the queries on a seat’s state are read-only', () => {
  it('by type: a write through a view or the state rebuilt from it does not compile', () => {
    // Never called: typecheck fails here if SeatView or ReadonlyState become writable.
    const writes = (view: SeatView, seat: string) => {
      const state = stateOfView(view);
      // @ts-expect-error a view's objects are the live state's
      view.actors[seat]!.wealth = 0;
      // @ts-expect-error its arrays too
      view.offers.push(view.offers[0]!);
      // @ts-expect-error and the state rebuilt from it
      state.crises[0]!.votes[seat] = 'yes';
      // @ts-expect-error at every depth
      state.drafts[seat]!.orders.length = 0;
    };
    expect(writes).toBeTypeOf('function');
  });

  it.each(scenarios)('never write to a frozen view on %s, in any phase', (_n, scenario) => {
    const seats = [...scenario.seats.required, ...scenario.seats.optional];
    const rng = { rng: seedToState('frozen') };
    const phases = new Set<string>();
    let step = 0;
    const probe = (state: MatchState) => {
      const seat = state.seats[step % state.seats.length]!;
      // A copy is frozen: the game goes on with the real state.
      const copy = cloneState(state);
      const hash = stateHash(copy);
      runQueries(scenario, deepFreeze(viewFor(copy, seat)), seat, rng);
      expect(stateHash(copy)).toBe(hash);
      phases.add(state.phase);
    };
    let last = '';
    const game = playRandomGame(scenario, { seats, pace: 'full' }, 'frozen', 'frozen', {
      // Every phase's first state and every seventh step.
      onStep: (state) => {
        if (state.phase !== last || step % 7 === 0) probe(state);
        last = state.phase;
        step++;
      },
    });
    probe(game.state);
    // The full pace plays every phase there is.
    expect([...phases].sort()).toEqual([...PHASES].sort());
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
