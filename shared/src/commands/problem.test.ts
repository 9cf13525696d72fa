import { describe, expect, it } from 'vitest';
import { applyCommand } from '../apply.ts';
import { playRandomGame } from '../bots/play.ts';
import { ctxOf } from '../ctx.ts';
import { drive } from '../testing/drive.ts';
import { FIXTURE, FIXTURE_WITH_DECK } from '../testing/fixture.ts';
import { PROBLEM_CODES } from './problem.ts';
import type { Command, SeatCommand } from './schema.ts';
import { commandProblem, commandRefusal } from './validate.ts';

const seats = ['red', 'blue', 'green', 'gold'];

describe('refusals come with a code and parameters', () => {
  it('codes are unique', () => {
    expect(new Set(PROBLEM_CODES).size).toBe(PROBLEM_CODES.length);
  });

  it('every refusal in random games has a known code, defined parameters and the sentence commandProblem gives', () => {
    const ctx = ctxOf(FIXTURE_WITH_DECK);
    const seen = new Set<string>();
    let refused = 0;
    for (let g = 0; g < 2; g++) {
      playRandomGame(FIXTURE_WITH_DECK, { seats }, `codes-${g}`, `codes-${g}`, {
        onStep: (state) => {
          if (state.phase === 'ended') return;
          const stamp = { round: state.round, phase: state.phase };
          for (const seat of state.seats) {
            const candidates: Command[] = [
              ...ctx.regionIds.map(
                (region): SeatCommand => ({
                  kind: 'order',
                  seat,
                  ...stamp,
                  order: { kind: 'invest', region, amount: 4 },
                }),
              ),
              ...ctx.actorIds.flatMap((to): SeatCommand[] => [
                { kind: 'offer', seat, ...stamp, to, raise: true, riders: [], favour: false },
                { kind: 'lower', seat, ...stamp, partner: to },
                { kind: 'order', seat, ...stamp, order: { kind: 'sanction', target: to } },
              ]),
              { kind: 'cancelOrder', seat, ...stamp, index: 5 },
              { kind: 'vote', seat, ...stamp, crisis: 'none', vote: 'veto' },
              { kind: 'done', seat, round: stamp.round + 1, phase: stamp.phase, done: true },
            ];
            for (const cmd of candidates) {
              const problem = commandRefusal(ctx, state, cmd);
              if (!problem) continue;
              refused++;
              seen.add(problem.code);
              expect(PROBLEM_CODES).toContain(problem.code);
              expect(problem.reason).toBe(commandProblem(ctx, state, cmd));
              for (const value of Object.values(problem.params))
                expect(['string', 'number']).toContain(typeof value);
            }
          }
        },
      });
    }
    expect(refused).toBeGreaterThan(1000);
    // Many different refusals were met, so the check above covered more than one path.
    expect(seen.size).toBeGreaterThan(10);
  });

  it('applyCommand refuses with the same problem, naming what the player needs to know', () => {
    const m = drive({ seats });
    const stale = applyCommand(FIXTURE, m.state, {
      kind: 'done',
      seat: 'red',
      round: 2,
      phase: 'news',
      done: true,
    });
    expect(stale).toMatchObject({
      ok: false,
      problem: {
        code: 'stale',
        params: { round: 2, phase: 'news', nowRound: 1, nowPhase: 'news' },
      },
    });
    m.advance();
    for (let i = 0; i < 4; i++)
      m.seat('blue', { kind: 'order', order: { kind: 'invest', region: 'south', amount: 2 } });
    const ctx = ctxOf(FIXTURE);
    const stamp = { seat: 'blue', round: m.state.round, phase: m.state.phase };
    expect(
      commandRefusal(ctx, m.state, {
        kind: 'order',
        ...stamp,
        order: { kind: 'sanction', target: 'red' },
      }),
    ).toMatchObject({ code: 'noActionPoints', params: { max: 4, entangled: 0 } });
    m.actor('red').wealth = 1;
    expect(
      commandRefusal(ctx, m.state, {
        kind: 'order',
        seat: 'red',
        round: m.state.round,
        phase: m.state.phase,
        order: { kind: 'invest', region: 'south', amount: 2 },
      }),
    ).toMatchObject({ code: 'wealthShort', params: { spend: 2, have: 1 } });
  });
});
