import { describe, expect, it } from 'vitest';
import { applyCommand } from '../apply.ts';
import { owedDecisions } from '../commands/owed.ts';
import type { Command, SeatCommand } from '../commands/schema.ts';
import { commandProblem } from '../commands/validate.ts';
import { getScenario } from '../content/index.ts';
import { createMatch } from '../create.ts';
import { ctxOf } from '../ctx.ts';
import { injectableCards } from '../preview.ts';
import { seedToState } from '../rng.ts';
import type { MatchState } from '../state.ts';
import type { Pace } from '../vocabulary.ts';
import { playBots } from './play-bots.ts';
import { doctrineBots } from './roster.ts';

const MAIN = getScenario('main');
const CTX = ctxOf(MAIN);
const SEATS = ['china', 'russia', 'usa', 'india', 'brazil', 'iran'];
/** China is played by hand in these tests; every other seat is a normal doctrine bot. */
const BOTS = doctrineBots(
  MAIN,
  SEATS.filter((s) => s !== 'china'),
  'normal',
);

/** A match in round 1's Negotiate & Commit with every bot done, and the commands the bots gave. */
function botsDone(pace: Pace, seed: string) {
  const made = createMatch(MAIN, { seats: SEATS, pace }, seed);
  if (!made.ok) throw new Error(made.error);
  const state = made.state;
  const run = (cmd: Command) => {
    const result = applyCommand(MAIN, state, cmd);
    if (!result.ok) throw new Error(`${result.error}: ${JSON.stringify(cmd)}`);
  };
  run({ kind: 'advance', round: 1, phase: 'news' });
  const rng = { rng: seedToState(`bots:${seed}`) };
  const log: SeatCommand[] = [];
  const tryApply = (cmd: SeatCommand) => {
    const ok = applyCommand(MAIN, state, cmd).ok;
    if (ok) log.push(cmd);
    return ok;
  };
  playBots(MAIN, state, BOTS, rng, tryApply);
  for (const seat of Object.keys(BOTS)) expect(state.drafts[seat]!.done, seat).toBe(true);
  return { state, run, log, again: () => playBots(MAIN, state, BOTS, rng, tryApply) };
}

/** A raise from China with an investment package (Global South doctrines always take investment). */
function investmentOffer(state: MatchState): Extract<SeatCommand, { kind: 'offer' }> {
  for (const to of ['india', 'brazil', 'iran']) {
    const cmd: SeatCommand = {
      kind: 'offer',
      seat: 'china',
      round: state.round,
      phase: state.phase,
      to,
      raise: true,
      riders: [{ kind: 'investment', amount: 2 }],
      favour: false,
    };
    if (commandProblem(CTX, state, cmd) === null) return cmd;
  }
  throw new Error('No Global South seat can take an offer from China now');
}

describe('the one bot driver', () => {
  it.each(['q1', 'q2', 'q3'])(
    'a bot that has finished its turn answers an offer sent afterwards, and does nothing else (%s)',
    (seed) => {
      const { state, run, log, again } = botsDone('quick', seed);
      const offer = investmentOffer(state);
      run(offer);
      const sent = state.offers.at(-1)!;
      expect(owedDecisions(CTX, state, offer.to).map((o) => o.kind)).toEqual(['respond']);
      const before = log.length;
      again();
      expect(sent.answer).toBe(true);
      expect(log.slice(before)).toEqual([
        {
          kind: 'respond',
          seat: offer.to,
          round: 1,
          phase: 'diplomacy',
          offer: sent.id,
          accept: true,
        },
      ]);
      expect(state.drafts[offer.to]!.done).toBe(true);
      // Nothing is owed any more: running the driver again plays nothing.
      again();
      expect(log).toHaveLength(before + 1);
    },
  );

  it('in the full pace an offer sent in Negotiate & Commit is answered in Responses', () => {
    const { state, run, log, again } = botsDone('full', 'f1');
    const offer = investmentOffer(state);
    run(offer);
    again();
    expect(state.offers.at(-1)!.answer).toBeNull();
    run({ kind: 'done', seat: 'china', round: 1, phase: 'diplomacy', done: true });
    run({ kind: 'advance', round: 1, phase: 'diplomacy' });
    const before = log.length;
    again();
    expect(state.offers.at(-1)!.answer).toBe(true);
    expect(log.slice(before).some((c) => c.kind === 'respond' && c.seat === offer.to)).toBe(true);
  });

  it('bots answer the calls and votes of a crisis injected after they finished', () => {
    for (const pace of ['quick', 'full'] as const) {
      const { state, run, again } = botsDone(pace, `inject-${pace}`);
      if (pace === 'full') {
        run({ kind: 'done', seat: 'china', round: 1, phase: 'diplomacy', done: true });
        run({ kind: 'advance', round: 1, phase: 'diplomacy' });
        again();
        run({ kind: 'advance', round: 1, phase: 'responses' });
        again();
      }
      const owing = () => Object.keys(BOTS).filter((s) => owedDecisions(CTX, state, s).length > 0);
      // Every injectable card in turn: the ones that call a bot seat (or put it to a vote) must be answered.
      let tested = 0;
      for (const card of injectableCards(MAIN, state)) {
        run({ kind: 'injectCrisis', round: 1, phase: state.phase, card });
        if (owing().length === 0) continue;
        tested++;
        again();
        expect(owing(), `${pace} ${card}`).toEqual([]);
        if (tested >= 4) break;
      }
      expect(tested, pace).toBeGreaterThan(0);
    }
  });
});
