/**
 * Plays the search bot in one seat against hard doctrine bots in every
 * other seat, and the same seeds with that seat as the hard doctrine bot,
 * and prints the seat's win rate (rank 1) and mean margin both ways:
 *   npm run bench:search -- --games 200 --seed 1 --optional 1 --budget 100
 * `--seat china` plays one seat throughout; otherwise game g puts the search
 * bot in the great power g mod 3 (china, russia, usa). `--optional N` fills N
 * optional seats (the main scenario's minimum is 1). `--rollouts R` caps
 * rollouts per candidate; `--rivals W` weighs the best rival's standing; `--horizon H`
 * rollout rounds; `--budget` is the time per decision in ms.
 */
import { performance } from 'node:perf_hooks';
import type { Bot } from '../src/bots/bot.ts';
import { playBotGame } from '../src/bots/play-bots.ts';
import { doctrineBots } from '../src/bots/roster.ts';
import { searchBot } from '../src/bots/search.ts';
import { getScenario } from '../src/content/index.ts';
import { scoreMatch } from '../src/scoring.ts';
import { flag, intFlag, median } from './args.ts';

const scenarioId = flag('scenario', 'main');
const games = intFlag('games', 200);
const seed = flag('seed', '1');
const seatFlag = flag('seat', '');
const optional = intFlag('optional', 1);
const budget = intFlag('budget', 100);
const rollouts = intFlag('rollouts', 3);
const rivals = Number(flag('rivals', '0'));
const horizon = intFlag('horizon', 1);
const scenario = getScenario(scenarioId);
const seats = [...scenario.seats.required, ...scenario.seats.optional.slice(0, optional)];
const greatPowers = scenario.seats.required;
if (seatFlag && !seats.includes(seatFlag))
  throw new Error(`--seat must be one of ${seats.join(', ')}`);

const hard = doctrineBots(scenario, seats, 'hard');
const times: number[] = [];
const search = searchBot({
  rollouts,
  rivals,
  horizon,
  budgetMs: budget,
  now: () => performance.now(),
});
const timedSearch: Bot = {
  ...search,
  decide(sc, view, options) {
    const t = performance.now();
    const cmd = search.decide(sc, view, { ...options, budgetMs: budget });
    times.push(performance.now() - t);
    return cmd;
  },
};

interface Arm {
  wins: number;
  margins: number[];
}
const arms: Record<'search' | 'doctrine', Arm> = {
  search: { wins: 0, margins: [] },
  doctrine: { wins: 0, margins: [] },
};
const perSeat: Record<string, { search: number; doctrine: number; games: number }> = {};
let refused = 0;

/** The seat's share of the win: rank 1, shared with seats level on margin and Reputation. */
function winShare(game: ReturnType<typeof playBotGame>, seat: string): number {
  const scores = scoreMatch(scenario, game.state);
  const top = scores[0]!;
  const rep = (x: string) => game.state.actors[x]!.reputation;
  const level = scores.filter(
    (sc) =>
      sc.warMaker === top.warMaker && sc.margin === top.margin && rep(sc.seat) === rep(top.seat),
  );
  return level.some((sc) => sc.seat === seat) ? 1 / level.length : 0;
}

const start = performance.now();
let searchSeconds = 0;
for (let g = 0; g < games; g++) {
  const seat = seatFlag || greatPowers[g % greatPowers.length]!;
  const gameSeed = `${seed}:${g}`;
  perSeat[seat] ??= { search: 0, doctrine: 0, games: 0 };
  perSeat[seat].games++;
  for (const arm of ['search', 'doctrine'] as const) {
    const t = performance.now();
    const bots = arm === 'search' ? { ...hard, [seat]: timedSearch } : hard;
    const game = playBotGame(scenario, { seats }, gameSeed, bots, gameSeed, {
      onRefused: () => {
        refused++;
      },
    });
    if (arm === 'search') searchSeconds += (performance.now() - t) / 1000;
    const share = winShare(game, seat);
    arms[arm].wins += share;
    perSeat[seat][arm] += share;
    arms[arm].margins.push(scoreMatch(scenario, game.state).find((sc) => sc.seat === seat)!.margin);
  }
  if ((g + 1) % 20 === 0)
    process.stderr.write(
      `${g + 1}/${games} games, ${((performance.now() - start) / 1000).toFixed(0)} s, search ${arms.search.wins.toFixed(1)} vs doctrine ${arms.doctrine.wins.toFixed(1)} wins\n`,
    );
}
const seconds = (performance.now() - start) / 1000;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const p1 = arms.search.wins / games;
const p0 = arms.doctrine.wins / games;
// Normal approximation for the difference of two binomial proportions (the arms share seeds, so this is conservative).
const se = Math.sqrt((p1 * (1 - p1) + p0 * (1 - p0)) / games);
const diff = p1 - p0;
const marginDiffs = arms.search.margins.map((m, i) => m - arms.doctrine.margins[i]!);
const md = mean(marginDiffs);
const mdSe = Math.sqrt(mean(marginDiffs.map((x) => (x - md) ** 2)) / Math.max(1, games - 1));

console.log(
  `npm run bench:search -- --games ${games} --scenario ${scenarioId} --seed ${seed} --optional ${optional} --budget ${budget} --rollouts ${rollouts} --rivals ${rivals} --horizon ${horizon}${seatFlag ? ` --seat ${seatFlag}` : ''}`,
);
console.log(
  `${scenario.title}: seats ${seats.join(', ')}; seeds ${seed}:0 … ${seed}:${games - 1}; search seat ${seatFlag || `rotating ${greatPowers.join('/')}`}; every other seat hard doctrine; ${seconds.toFixed(0)} s`,
);
console.log('');
console.log('| arm | games | wins | win rate | mean margin |');
console.log('| --- | --- | --- | --- | --- |');
console.log(
  `| search bot | ${games} | ${arms.search.wins.toFixed(1)} | ${(100 * p1).toFixed(1)}% | ${mean(arms.search.margins).toFixed(2)} |`,
);
console.log(
  `| hard doctrine | ${games} | ${arms.doctrine.wins.toFixed(1)} | ${(100 * p0).toFixed(1)}% | ${mean(arms.doctrine.margins).toFixed(2)} |`,
);
console.log('');
console.log(
  `win rate difference ${(100 * diff).toFixed(1)} points, 95% interval ${(100 * (diff - 1.96 * se)).toFixed(1)} to ${(100 * (diff + 1.96 * se)).toFixed(1)}`,
);
console.log(
  `margin difference ${md.toFixed(2)} stars per game (paired), 95% interval ${(md - 1.96 * mdSe).toFixed(2)} to ${(md + 1.96 * mdSe).toFixed(2)}`,
);
for (const [seat, r] of Object.entries(perSeat))
  console.log(
    `  ${seat}: ${r.games} games, search ${r.search.toFixed(1)} wins, doctrine ${r.doctrine.toFixed(1)} wins`,
  );
console.log(
  `search decisions ${times.length}: median ${median(times).toFixed(1)} ms, worst ${Math.max(...times).toFixed(1)} ms (${Math.max(...times) < 1000 ? 'under' : 'OVER'} 1 s); search-arm games ${(searchSeconds / games).toFixed(2)} s each; refused commands ${refused}`,
);
