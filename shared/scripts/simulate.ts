/**
 * Plays whole games with the random-legal policy and prints what happened:
 *   npm run simulate -- --scenario main --games 1000 --seed 1
 */
import { performance } from 'node:perf_hooks';
import { playRandomGame } from '../src/bots/play.ts';
import { getScenario } from '../src/content/index.ts';
import { scoreMatch } from '../src/scoring.ts';
import { readArgs } from './args.ts';

const {
  scenario: scenarioId,
  games,
  seed,
} = readArgs({ scenario: 'main', games: 1000, seed: '1' });
const scenario = getScenario(scenarioId);
const seats = [
  ...scenario.seats.required,
  ...scenario.seats.optional.slice(0, scenario.seats.maxOptional),
];
const byFaction = (n = 0) => Object.fromEntries(seats.map((s) => [s, n])) as Record<string, number>;

const entrapments = byFaction();
const abandonments = byFaction();
const wins = byFaction();
let rounds = 0;
let wars = 0;
let events = 0;
const start = performance.now();
for (let g = 0; g < games; g++) {
  const game = playRandomGame(scenario, { seats }, `${seed}:${g}`, `${seed}:${g}`, {
    keepEvents: true,
  });
  rounds += game.state.round;
  if (game.state.ending?.reason === 'greatPowerWar') wars++;
  for (const e of game.events) {
    events++;
    if (e.type === 'entrapment') entrapments[e.actors[0]!] = (entrapments[e.actors[0]!] ?? 0) + 1;
    if (e.type === 'abandonment')
      abandonments[e.actors[0]!] = (abandonments[e.actors[0]!] ?? 0) + 1;
  }
  const winner = scoreMatch(scenario, game.state)[0]!.seat;
  wins[winner] = (wins[winner] ?? 0) + 1;
}
const seconds = (performance.now() - start) / 1000;

console.log(`npm run simulate -- --scenario ${scenarioId} --games ${games} --seed ${seed}`);
console.log(`${scenario.title}: ${games} games with ${seats.length} seats, random-legal policy`);
console.log(
  `games per second: ${(games / seconds).toFixed(1)} (${seconds.toFixed(2)} s, events recorded)`,
);
console.log(`mean rounds: ${(rounds / games).toFixed(2)}`);
console.log(`great-power war: ${((100 * wars) / games).toFixed(1)}% of games`);
console.log(`mean events per game: ${(events / games).toFixed(0)}`);
console.log('');
console.log(
  'faction'.padEnd(16) +
    'entrapments'.padStart(13) +
    'abandonments'.padStart(14) +
    'wins'.padStart(8),
);
for (const s of seats) {
  console.log(
    s.padEnd(16) +
      `${entrapments[s]} (${(entrapments[s]! / games).toFixed(2)}/game)`.padStart(13 + 8) +
      `${abandonments[s]} (${(abandonments[s]! / games).toFixed(2)}/game)`.padStart(14 + 8) +
      `${(((wins[s] ?? 0) * 100) / games).toFixed(1)}%`.padStart(8),
  );
}
