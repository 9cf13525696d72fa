import { describe, expect, it } from 'vitest';
import { getScenario } from '../content/index.ts';
import { getTie } from '../ties.ts';
import { ALLIANCE, PARTNERSHIP } from '../vocabulary.ts';
import { doctrineBot } from './bot.ts';
import { playBotGame } from './play-bots.ts';
import { doctrineBots } from './roster.ts';
import { STRATEGIES, STRATEGY_IDS, type StrategyId } from './strategies.ts';

const MAIN = getScenario('main');
const seats = [...MAIN.seats.required, ...MAIN.seats.optional];

/** China plays one pure strategy, doctrine bots the rest; every refused command is kept. */
function play(id: StrategyId, seed: string) {
  const refused: string[] = [];
  const bots = {
    ...doctrineBots(MAIN, seats, 'normal'),
    china: doctrineBot(STRATEGIES[id], 'normal'),
  };
  const game = playBotGame(MAIN, { seats }, seed, bots, seed, {
    onRefused: (cmd, error) => refused.push(`${error}: ${JSON.stringify(cmd)}`),
  });
  return { state: game.state, refused };
}

describe('pure strategies (npm run strategies)', () => {
  const games = {} as Record<StrategyId, ReturnType<typeof play>[]>;
  for (const id of STRATEGY_IDS) games[id] = [play(id, 's1'), play(id, 's2')];
  const china = (id: StrategyId) => games[id].map((g) => g.state.actors.china!);
  const ownTies = (id: StrategyId, min: number) =>
    games[id].map(
      (g) =>
        g.state.seats
          .concat(MAIN.actors.map((a) => a.id))
          .filter((x, i, all) => x !== 'china' && all.indexOf(x) === i)
          .filter((x) => (getTie(g.state, 'china', x)?.level ?? 0) >= min).length,
    );

  it.each(STRATEGY_IDS)('%s plays whole games without a refused command', (id) => {
    for (const g of games[id]) {
      expect(g.refused).toEqual([]);
      expect(g.state.phase).toBe('ended');
    }
  });

  it('the hermit ends with no tie of its own at partnership or above', () => {
    expect(ownTies('hermit', PARTNERSHIP)).toEqual([0, 0]);
  });

  it('the flexible partner holds many partnerships and enters no new treaty', () => {
    for (const n of ownTies('flexible', PARTNERSHIP)) expect(n).toBeGreaterThan(5);
    for (const a of china('flexible')) expect(a.stats.newTreaties).toBe(0);
  });

  it('the loyal ally never hedges and the free rider never honours', () => {
    for (const a of china('loyal')) expect(a.stats.hedged).toBe(0);
    for (const a of china('freeRider')) expect(a.stats.honoured).toBe(0);
    expect(china('loyal').reduce((n, a) => n + a.stats.honoured, 0)).toBeGreaterThan(0);
  });

  it('the treaty builder makes treaties', () => {
    for (const n of ownTies('treaties', ALLIANCE)) expect(n).toBeGreaterThan(0);
  });
});
