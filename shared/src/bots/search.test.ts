import { describe, expect, it } from 'vitest';
import { getScenario } from '../content/index.ts';
import { canonicalJson, cloneState } from '../hash.ts';
import { seedToState } from '../rng.ts';
import type { Scenario } from '../scenario/schema.ts';
import type { MatchState } from '../state.ts';
import { FIXTURE_WITH_DECK } from '../testing/fixture.ts';
import { viewFor } from '../view.ts';
import type { Bot } from './bot.ts';
import { playBotGame } from './play-bots.ts';
import { doctrineBots } from './roster.ts';
import { type SearchOptions, searchBot } from './search.ts';

const MAIN = getScenario('main');
const MAIN_SEATS = ['china', 'russia', 'usa', 'india'];
const seatsOf = (scenario: Scenario) => [...scenario.seats.required, ...scenario.seats.optional];

/** A short game (few rounds) with the search bot in one seat and hard doctrine bots elsewhere. */
function play(
  scenario: Scenario,
  seats: string[],
  seat: string,
  seed: string,
  rounds: number,
  extra: SearchOptions = {},
) {
  const refused: string[] = [];
  const bots: Record<string, Bot> = {
    ...doctrineBots(scenario, seats, 'hard'),
    [seat]: searchBot({ rollouts: 1, candidates: 3, ...extra }),
  };
  const game = playBotGame(scenario, { seats, rounds }, seed, bots, seed, {
    onRefused: (cmd, error) => refused.push(`${error}: ${JSON.stringify(cmd)}`),
  });
  return { ...game, refused };
}

describe('the search bot', () => {
  it('submits only legal commands over short games on the fixture', () => {
    const seats = seatsOf(FIXTURE_WITH_DECK);
    for (const [i, seat] of seats.slice(0, 3).entries()) {
      const game = play(FIXTURE_WITH_DECK, seats, seat, `fx-${i}`, 3);
      expect(game.refused).toEqual([]);
      expect(game.state.phase).toBe('ended');
      expect(game.log.some((c) => 'seat' in c && c.seat === seat && c.kind !== 'done')).toBe(true);
    }
  });

  it('weighing rivals over two rounds, still submits only legal commands', () => {
    const seats = seatsOf(FIXTURE_WITH_DECK);
    const game = play(FIXTURE_WITH_DECK, seats, seats[0]!, 'fx-rivals', 3, {
      rivals: 1,
      horizon: 2,
    });
    expect(game.refused).toEqual([]);
    expect(game.state.phase).toBe('ended');
  });

  it('submits only legal commands over a short game on the main scenario', () => {
    const game = play(MAIN, MAIN_SEATS, 'russia', 'main-legal', 4);
    expect(game.refused).toEqual([]);
    expect(game.state.phase).toBe('ended');
  });

  it('is deterministic for a given generator seed (no clock)', () => {
    const a = play(MAIN, MAIN_SEATS, 'china', 'det', 4);
    const b = play(MAIN, MAIN_SEATS, 'china', 'det', 4);
    expect(canonicalJson(a.log)).toBe(canonicalJson(b.log));
  });

  it('stops at its time budget when given a clock', () => {
    let t = 0;
    const bot = searchBot({ rollouts: 50, budgetMs: 10, now: () => (t += 1) });
    const state = midGame();
    const cmd = bot.decide(MAIN, viewFor(state, 'usa'), { rng: { rng: seedToState('clock') } });
    expect(cmd).not.toBeNull();
  });

  /** The main scenario in round 2's negotiation phase, after the first seats have moved. */
  function midGame(): MatchState {
    let snapshot: MatchState | null = null;
    playBotGame(
      MAIN,
      { seats: MAIN_SEATS },
      'view-only',
      doctrineBots(MAIN, MAIN_SEATS, 'normal'),
      'view-only',
      {
        onStep: (state, cmd) => {
          if (
            !snapshot &&
            state.round === 2 &&
            state.phase === 'diplomacy' &&
            cmd.kind === 'done' &&
            cmd.seat === 'russia'
          )
            snapshot = cloneState(state);
        },
      },
    );
    if (!snapshot) throw new Error('no round 2');
    return snapshot;
  }

  it('never reads hidden state: two matches that show the seat the same view get the same decision', () => {
    const state = midGame();
    for (const seat of ['usa', 'india']) {
      const other = cloneState(state);
      other.rng = (other.rng + 12345) >>> 0;
      other.deck = [...other.deck].reverse();
      for (const id of other.seats) {
        if (id === seat) continue;
        const a = other.actors[id]!;
        a.objective = a.objective ? null : 'obj-wide-network';
        a.hand = [...a.hand].reverse();
      }
      // Another seat's secret draft: an order against this seat that it cannot see yet.
      other.drafts.china!.orders.push({ kind: 'sanction', target: seat });
      expect(canonicalJson(viewFor(other, seat))).toBe(canonicalJson(viewFor(state, seat)));
      expect(canonicalJson(other)).not.toBe(canonicalJson(state));
      const bot = searchBot({ rollouts: 2 });
      const decide = (s: MatchState) =>
        bot.decide(MAIN, viewFor(s, seat), { rng: { rng: seedToState(`same:${seat}`) } });
      expect(decide(other), seat).toEqual(decide(state));
    }
  });
});
