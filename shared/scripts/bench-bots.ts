/**
 * Times every doctrine bot's decisions at every level on this machine
 * (issue 6: each decision under 1 s), over whole bot games:
 *   npm run bench:bots -- --scenario main --games 2 --seed 1
 */
import { performance } from 'node:perf_hooks';
import { BOT_LEVELS, type Bot } from '../src/bots/bot.ts';
import { playBotGame } from '../src/bots/play-bots.ts';
import { doctrineBots, doctrineFor } from '../src/bots/roster.ts';
import { getScenario } from '../src/content/index.ts';
import { flag, intFlag, median } from './args.ts';

const scenarioId = flag('scenario', 'main');
const games = intFlag('games', 2);
const seed = flag('seed', '1');
const scenario = getScenario(scenarioId);
const seats = [...scenario.seats.required, ...scenario.seats.optional];

/** The same bot, with each decision's wall time recorded under its doctrine. */
function timed(bot: Bot, into: number[]): Bot {
  return {
    ...bot,
    decide(sc, view, options) {
      const t = performance.now();
      const cmd = bot.decide(sc, view, options);
      into.push(performance.now() - t);
      return cmd;
    },
  };
}

console.log(`npm run bench:bots -- --scenario ${scenarioId} --games ${games} --seed ${seed}`);
console.log(`${scenario.title}: ${seats.length} seats, ${games} whole games per level`);
console.log('');
console.log(`| doctrine | level | decisions | median ms | worst ms |`);
console.log(`| --- | --- | --- | --- | --- |`);
let worstOverall = 0;
for (const level of BOT_LEVELS) {
  const times: Record<string, number[]> = {};
  const bots = doctrineBots(scenario, seats, level);
  const wrapped: Record<string, Bot> = {};
  for (const s of seats) {
    const id = doctrineFor(scenario, s).id;
    times[id] ??= [];
    wrapped[s] = timed(bots[s]!, times[id]);
  }
  for (let g = 0; g < games; g++)
    playBotGame(scenario, { seats }, `${seed}:${g}`, wrapped, `${seed}:${g}`);
  for (const [id, ts] of Object.entries(times)) {
    const worst = Math.max(...ts);
    worstOverall = Math.max(worstOverall, worst);
    console.log(
      `| ${id} | ${level} | ${ts.length} | ${median(ts).toFixed(2)} | ${worst.toFixed(1)} |`,
    );
  }
}
console.log('');
console.log(
  `worst decision: ${worstOverall.toFixed(1)} ms (${worstOverall < 1000 ? 'under' : 'OVER'} the 1 s budget)`,
);
