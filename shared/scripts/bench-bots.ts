/**
 * Times every doctrine bot's decisions at every level on this machine
 * (issue 6: each decision under 1 s), over whole bot games:
 *   npm run bench:bots -- --scenario main --games 2 --seed 1
 * With `--strength N` it then plays N games per seat twice — all bots
 * normal, then the same seeds with that one seat hard — and prints the
 * seat's mean stars and wins both ways. The search bot (search.ts) is timed
 * too: `games` games in each great-power seat, every other seat hard, with
 * `--budget` ms per decision (default 150) and the machine's clock.
 */
import { performance } from 'node:perf_hooks';
import { BOT_LEVELS, type Bot, doctrineBot } from '../src/bots/bot.ts';
import { playBotGame } from '../src/bots/play-bots.ts';
import { doctrineBots, doctrineFor } from '../src/bots/roster.ts';
import { searchBot } from '../src/bots/search.ts';
import { getScenario } from '../src/content/index.ts';
import { scoreMatch } from '../src/scoring.ts';
import { median, readArgs } from './args.ts';

const args = readArgs({ scenario: 'main', games: 2, seed: '1', budget: 150, strength: 0 });
const scenarioId = args.scenario;
const games = args.games;
const seed = args.seed;
const budget = args.budget;
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

console.log(
  `npm run bench:bots -- --scenario ${scenarioId} --games ${games} --seed ${seed} --budget ${budget}`,
);
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
{
  const times: number[] = [];
  const search = timed(searchBot({ budgetMs: budget, now: () => performance.now() }), times);
  const hard = doctrineBots(scenario, seats, 'hard');
  for (const seat of scenario.seats.required)
    for (let g = 0; g < games; g++)
      playBotGame(scenario, { seats }, `${seed}:${g}`, { ...hard, [seat]: search }, `${seed}:${g}`);
  const worst = Math.max(...times);
  worstOverall = Math.max(worstOverall, worst);
  console.log(
    `| search (${scenario.seats.required.join('/')}, ${budget} ms budget) | hard+search | ${times.length} | ${median(times).toFixed(2)} | ${worst.toFixed(1)} |`,
  );
}
console.log('');
console.log(
  `worst decision: ${worstOverall.toFixed(1)} ms (${worstOverall < 1000 ? 'under' : 'OVER'} the 1 s budget)`,
);

const strength = args.strength;
if (strength > 0) {
  console.log('');
  console.log(
    `Hard against normal: ${strength} games per seat, the seat hard and every other seat normal`,
  );
  console.log('');
  console.log('| seat | mean stars (normal) | mean stars (hard) | wins (normal) | wins (hard) |');
  console.log('| --- | --- | --- | --- | --- |');
  const normal = doctrineBots(scenario, seats, 'normal');
  for (const seat of seats) {
    const hard = { ...normal, [seat]: doctrineBot(doctrineFor(scenario, seat), 'hard') };
    const sum = { normal: 0, hard: 0, winsNormal: 0, winsHard: 0 };
    for (let g = 0; g < strength; g++) {
      const id = `${seed}:strength:${g}`;
      const a = scoreMatch(scenario, playBotGame(scenario, { seats }, id, normal, id).state);
      const b = scoreMatch(scenario, playBotGame(scenario, { seats }, id, hard, id).state);
      sum.normal += a.find((s) => s.seat === seat)!.stars;
      sum.hard += b.find((s) => s.seat === seat)!.stars;
      if (a[0]!.seat === seat) sum.winsNormal++;
      if (b[0]!.seat === seat) sum.winsHard++;
    }
    console.log(
      `| ${seat} | ${(sum.normal / strength).toFixed(2)} | ${(sum.hard / strength).toFixed(2)} | ${sum.winsNormal} | ${sum.winsHard} |`,
    );
  }
}
