/**
 * Complete games per second on one core: the main scenario, 11 seats, 10
 * rounds. Two policies, each the median of several runs:
 * - random-legal: every seat proposes random commands, as a rollout would;
 * - timeout: no seat acts, every phase ends on its timer (the engine alone).
 * Wall-clock rates suffer when the shared machine is busy; games per
 * CPU-second (this process's user + system time, GC threads included, so
 * if anything pessimistic) is the steadier figure.
 *   npm run bench:engine [-- --runs 7 --games 200]
 */
import { performance } from 'node:perf_hooks';
import { applyCommand } from '../src/apply.ts';
import { playRandomGame } from '../src/bots/play.ts';
import { getScenario } from '../src/content/index.ts';
import { createMatch } from '../src/create.ts';
import { median, readArgs } from './args.ts';

const args = readArgs({ scenario: 'main', runs: 7, games: 200 });
const scenario = getScenario(args.scenario);
const runs = args.runs;
const games = args.games;
const seats = [...scenario.seats.required, ...scenario.seats.optional];
const settings = { seats, rounds: 10 };

function timeoutGame(seed: string): number {
  const created = createMatch(scenario, settings, seed);
  if (!created.ok) throw new Error(created.error);
  const state = created.state;
  let commands = 0;
  while (state.phase !== 'ended') {
    applyCommand(scenario, state, { kind: 'advance', round: state.round, phase: state.phase });
    commands++;
  }
  return commands;
}

function measure(label: string, play: (seed: string) => number): void {
  for (let i = 0; i < 400; i++) play(`warm:${i}`); // let the JIT settle (fewer leaves the first runs slow)
  let commands = 0;
  const rates: number[] = [];
  const cpuRates: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    const cpu = process.cpuUsage();
    for (let g = 0; g < games; g++) commands += play(`bench:${r}:${g}`);
    const used = process.cpuUsage(cpu);
    rates.push(games / ((performance.now() - start) / 1000));
    cpuRates.push(games / ((used.user + used.system) / 1e6));
  }
  console.log(
    `${label.padEnd(14)} median ${median(rates).toFixed(0).padStart(5)} games/s wall, ${median(cpuRates).toFixed(0).padStart(5)} games per CPU-second  (wall runs: ${rates.map((x) => x.toFixed(0)).join(', ')}; ${(commands / (runs * games)).toFixed(0)} commands per game)`,
  );
}

console.log(`npm run bench:engine -- --runs ${runs} --games ${games}`);
console.log(
  `${scenario.title}, ${seats.length} seats, ${settings.rounds} rounds, one core; target ≥ 500 games/s`,
);
measure('random-legal', (seed) => playRandomGame(scenario, settings, seed).log.length);
measure('timeout', timeoutGame);
