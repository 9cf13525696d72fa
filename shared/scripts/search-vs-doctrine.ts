/**
 * Plays the search bot in one seat against hard doctrine bots in every
 * other seat, and the same seeds with that seat as the hard doctrine bot,
 * and prints the seat's win rate (rank 1) and mean margin both ways:
 *   npm run bench:search -- --games 200 --seed 1 --optional 1 --budget 100
 * `--seat china` plays one seat throughout; otherwise game g puts the search
 * bot in the great power g mod 3 (china, russia, usa). `--optional N` fills N
 * optional seats (the main scenario's minimum is 1). `--rollouts R` caps
 * rollouts per candidate; `--rivals W` weighs the best rival's standing; `--horizon H`
 * rollout rounds; `--endgame E` last rounds whose rollouts play to the end and
 * count wins; `--candidates C` commands compared per decision; `--budget` is
 * the time per decision in ms (the search spends it).
 */
import { performance } from 'node:perf_hooks';
import type { Bot } from '../src/bots/bot.ts';
import { playBotGame } from '../src/bots/play-bots.ts';
import { doctrineBots } from '../src/bots/roster.ts';
import { searchBot, winShare } from '../src/bots/search.ts';
import { getScenario } from '../src/content/index.ts';
import { scoreMatch } from '../src/scoring.ts';
import { median, readArgs } from './args.ts';

const {
  scenario: scenarioId,
  games,
  seed,
  seat: seatFlag,
  optional,
  budget,
  rollouts,
  rivals: rivalsText,
  horizon,
  endgame,
  candidates,
} = readArgs({
  scenario: 'main',
  games: 200,
  seed: '1',
  seat: '',
  optional: 1,
  budget: 100,
  rollouts: 3,
  // A weight, not a count: any number ≥ 0.
  rivals: '0',
  horizon: 1,
  endgame: 2,
  candidates: 6,
});
const rivals = Number(rivalsText);
if (!(rivals >= 0)) throw new Error('--rivals must be a number ≥ 0');
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
  endgame,
  candidates,
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
  shares: number[];
  margins: number[];
}
const arms: Record<'search' | 'doctrine', Arm> = {
  search: { wins: 0, shares: [], margins: [] },
  doctrine: { wins: 0, shares: [], margins: [] },
};
const perSeat: Record<string, { search: number; doctrine: number; games: number }> = {};
let refused = 0;

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
    const share = winShare(scenario, game.state, seat);
    arms[arm].wins += share;
    arms[arm].shares.push(share);
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
/** Mean and 95% interval half-width of the per-game differences (the arms share seeds: a paired test). */
function paired(a: number[], b: number[]): { mean: number; half: number } {
  const d = a.map((x, i) => x - b[i]!);
  const m = mean(d);
  return {
    mean: m,
    half: 1.96 * Math.sqrt(mean(d.map((x) => (x - m) ** 2)) / Math.max(1, games - 1)),
  };
}
const winPaired = paired(arms.search.shares, arms.doctrine.shares);
const marginPaired = paired(arms.search.margins, arms.doctrine.margins);
const changed = arms.search.shares.filter((x, i) => x !== arms.doctrine.shares[i]).length;

console.log(
  `npm run bench:search -- --games ${games} --scenario ${scenarioId} --seed ${seed} --optional ${optional} --budget ${budget} --rollouts ${rollouts} --rivals ${rivals} --horizon ${horizon} --endgame ${endgame} --candidates ${candidates}${seatFlag ? ` --seat ${seatFlag}` : ''}`,
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
  `win rate difference, unpaired (conservative): ${(100 * diff).toFixed(1)} points, 95% interval ${(100 * (diff - 1.96 * se)).toFixed(1)} to ${(100 * (diff + 1.96 * se)).toFixed(1)}`,
);
const interval = (p: { mean: number; half: number }, scale: number, digits: number) =>
  `${(scale * p.mean).toFixed(digits)}, 95% interval ${(scale * (p.mean - p.half)).toFixed(digits)} to ${(scale * (p.mean + p.half)).toFixed(digits)}`;
console.log(
  `win rate difference, paired by seed: ${interval(winPaired, 100, 1)} points (${changed} of ${games} games changed hands)`,
);
console.log(`margin difference, paired by seed: ${interval(marginPaired, 1, 2)} stars per game`);
for (const [seat, r] of Object.entries(perSeat))
  console.log(
    `  ${seat}: ${r.games} games, search ${r.search.toFixed(1)} wins, doctrine ${r.doctrine.toFixed(1)} wins`,
  );
console.log(
  `search decisions ${times.length}: median ${median(times).toFixed(1)} ms, worst ${Math.max(...times).toFixed(1)} ms (${Math.max(...times) < 1000 ? 'under' : 'OVER'} 1 s); search-arm games ${(searchSeconds / games).toFixed(2)} s each; refused commands ${refused}`,
);
