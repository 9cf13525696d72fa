/**
 * Complete games per second on one core: the main scenario, 11 seats, 10
 * rounds, random-legal policy, no events kept. Median of several runs.
 *   npm run bench:engine [-- --runs 7 --games 200]
 */
import { performance } from 'node:perf_hooks';
import { playRandomGame } from '../src/bots/play.ts';
import { getScenario } from '../src/content/index.ts';
import { flag, intFlag, median } from './args.ts';

const scenario = getScenario(flag('scenario', 'main'));
const runs = intFlag('runs', 7);
const games = intFlag('games', 200);
const seats = [...scenario.seats.required, ...scenario.seats.optional];
const settings = { seats, rounds: 10 };

// Warm up the JIT so the runs measure steady state.
for (let i = 0; i < 50; i++) playRandomGame(scenario, settings, `warm:${i}`);

let commands = 0;
const rates: number[] = [];
for (let r = 0; r < runs; r++) {
  const start = performance.now();
  for (let g = 0; g < games; g++)
    commands += playRandomGame(scenario, settings, `bench:${r}:${g}`).log.length;
  rates.push(games / ((performance.now() - start) / 1000));
}
console.log(`npm run bench:engine -- --runs ${runs} --games ${games}`);
console.log(
  `${scenario.title}, ${seats.length} seats, ${settings.rounds} rounds, random-legal policy, one core`,
);
console.log(`runs (games/s): ${rates.map((x) => x.toFixed(0)).join(', ')}`);
console.log(
  `median: ${median(rates).toFixed(0)} games/s (target ≥ 500); ${(commands / (runs * games)).toFixed(0)} commands per game`,
);
