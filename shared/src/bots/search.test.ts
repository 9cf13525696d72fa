import { describe, expect, it } from 'vitest';
import { getScenario } from '../content/index.ts';
import { canonicalJson, cloneState } from '../hash.ts';
import { seedToState } from '../rng.ts';
import type { Scenario } from '../scenario/schema.ts';
import { scoreMatch } from '../scoring.ts';
import type { MatchState } from '../state.ts';
import { FIXTURE_WITH_DECK } from '../testing/fixture.ts';
import { withOtherSecrets } from '../testing/other-secrets.ts';
import { viewFor } from '../view.ts';
import type { Bot } from './bot.ts';
import { doctrineBot } from './bot.ts';
import { playBotGame } from './play-bots.ts';
import { doctrineBots, doctrineFor } from './roster.ts';
import { candidatesFor, type SearchOptions, searchBot, winShare } from './search.ts';
import { isLegal, situationOf } from './situation.ts';

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

  it('spends its time budget when given a clock, and stops there', () => {
    const state = midGame();
    const ticks = (budgetMs: number) => {
      let t = 0;
      const bot = searchBot({ budgetMs, now: () => (t += 1) });
      const cmd = bot.decide(MAIN, viewFor(state, 'usa'), { rng: { rng: seedToState('clock') } });
      expect(cmd).not.toBeNull();
      return t;
    };
    // One tick per round of rollouts: a bigger budget buys more rollouts, up to the cap.
    const small = ticks(6);
    const large = ticks(30);
    expect(small).toBeLessThanOrEqual(8);
    expect(large).toBeGreaterThan(small);
    expect(large).toBeLessThanOrEqual(32);
  });

  it("falls back to the hard doctrine's choice when the clock has already run out", () => {
    const state = midGame();
    const view = viewFor(state, 'usa');
    let t = 0;
    const late = searchBot({ budgetMs: 10, now: () => (t += 1000) });
    const hard = doctrineBot(doctrineFor(MAIN, 'usa'), 'hard');
    expect(late.decide(MAIN, view, { rng: { rng: seedToState('late') } })).toEqual(
      hard.decide(MAIN, view, { rng: { rng: seedToState('late') } }),
    );
  });

  it("compares only legal commands, the doctrine's own first, for answers, votes and spends alike", () => {
    const seen = new Set<string>();
    let alternatives = 0;
    const proposer = Object.fromEntries(
      MAIN_SEATS.map((x) => [x, doctrineBot(doctrineFor(MAIN, x), 'hard')]),
    );
    playBotGame(
      MAIN,
      { seats: MAIN_SEATS, rounds: 5 },
      'cands',
      doctrineBots(MAIN, MAIN_SEATS, 'hard'),
      'cands',
      {
        onStep: (state, cmd) => {
          if (!('seat' in cmd)) return;
          const rng = { rng: seedToState(`c:${state.round}:${cmd.seat}`) };
          const holder = { rng };
          const view = viewFor(state, cmd.seat);
          const first = proposer[cmd.seat]!.decide(MAIN, view, holder);
          if (!first) return;
          const s = situationOf(MAIN, view, rng);
          const cands = candidatesFor(s, first, 6);
          expect(cands[0]).toEqual(first);
          expect(new Set(cands.map((c) => JSON.stringify(c))).size).toBe(cands.length);
          for (const c of cands) expect(isLegal(s, c), JSON.stringify(c)).toBe(true);
          if (cands.length > 1) alternatives++;
          for (const c of cands) seen.add(c.kind);
        },
      },
    );
    expect(alternatives).toBeGreaterThan(0);
    expect(seen.has('order')).toBe(true);
    expect(seen.has('answer')).toBe(true);
  });

  it('shares the win among the seats level at the top, and gives it whole otherwise', () => {
    for (const seed of ['w1', 'w2', 'w3']) {
      const game = playBotGame(
        MAIN,
        { seats: MAIN_SEATS, rounds: 4 },
        seed,
        doctrineBots(MAIN, MAIN_SEATS, 'normal'),
        seed,
      );
      const shares = MAIN_SEATS.map((x) => winShare(MAIN, game.state, x));
      expect(shares.reduce((a, b) => a + b, 0)).toBeCloseTo(1);
      const top = scoreMatch(MAIN, game.state)[0]!.seat;
      expect(winShare(MAIN, game.state, top)).toBeGreaterThan(0);
    }
  });

  /** The main scenario in a round's negotiation phase (round 2 unless asked), after the first seats have moved. */
  function midGame(round = 2): MatchState {
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
            state.round === round &&
            state.phase === 'diplomacy' &&
            cmd.kind === 'done' &&
            cmd.seat === 'russia'
          )
            snapshot = cloneState(state);
        },
      },
    );
    if (!snapshot) throw new Error(`no round ${round}`);
    return snapshot;
  }

  it('never reads hidden state: two matches that show the seat the same view get the same decision', () => {
    // Round 10 is the endgame: rollouts play to the end and count wins on sampled objectives.
    for (const [round, seat] of [
      [2, 'usa'],
      [2, 'india'],
      [10, 'usa'],
    ] as const) {
      const state = midGame(round);
      const other = withOtherSecrets(state, seat);
      expect(canonicalJson(viewFor(other, seat))).toBe(canonicalJson(viewFor(state, seat)));
      expect(canonicalJson(other)).not.toBe(canonicalJson(state));
      const bot = searchBot({ rollouts: 2 });
      const decide = (s: MatchState) =>
        bot.decide(MAIN, viewFor(s, seat), { rng: { rng: seedToState(`same:${seat}`) } });
      expect(decide(other), `${seat} in round ${round}`).toEqual(decide(state));
    }
  });
});
