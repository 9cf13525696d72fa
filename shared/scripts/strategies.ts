/**
 * What wins: one seat plays a pure strategy (shared/src/bots/strategies.ts)
 * while doctrine bots play every other seat, over many games and two seeds,
 * for the great powers and some Global South seats:
 *   npm run strategies -- --games 300 --seeds 1,2 [--scenario main] [--rounds 10]
 * It prints each seat's mean margin over par and win share per strategy
 * (its own doctrine as the reference), then checks the article's lesson
 * (docs/balance.md, "What wins").
 */
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { BOT_LEVELS, type BotLevel } from '../src/bots/bot.ts';
import { STRATEGIES, STRATEGY_IDS, type StrategyId } from '../src/bots/strategies.ts';
import { getScenario } from '../src/content/index.ts';
import { fullSeatCount } from '../src/goals.ts';
import { type GameRecord, playSeries, scenarioScoring, summarise } from './selfplay.ts';

const { values: args } = parseArgs({
  options: {
    games: { type: 'string', default: '300' },
    seeds: { type: 'string', default: '1,2' },
    scenario: { type: 'string', default: 'main' },
    rounds: { type: 'string' },
    level: { type: 'string', default: 'normal' },
    seats: { type: 'string', default: 'china,usa,russia,india,brazil,pakistan' },
    strategies: { type: 'string', default: STRATEGY_IDS.join(',') },
  },
});
const scenario = getScenario(args.scenario!);
const games = Number(args.games);
if (!Number.isInteger(games) || games < 1) throw new Error('--games must be a whole number');
const seeds = args.seeds!.split(',').filter(Boolean);
const level = args.level as BotLevel;
if (!BOT_LEVELS.includes(level)) throw new Error(`--level must be one of ${BOT_LEVELS.join(', ')}`);
const rounds = args.rounds === undefined ? scenario.rounds.default : Number(args.rounds);
const seats = args.seats!.split(',').filter(Boolean);
const strategies = args.strategies!.split(',').filter(Boolean) as StrategyId[];
for (const id of strategies)
  if (!STRATEGY_IDS.includes(id))
    throw new Error(`No strategy "${id}" (${STRATEGY_IDS.join(', ')})`);
const seatCount = fullSeatCount(scenario);
const scoring = scenarioScoring(scenario);

console.log(
  `npm run strategies -- --games ${games} --seeds ${seeds.join(',')} --scenario ${scenario.id} --rounds ${rounds} --level ${level} --seats ${seats.join(',')}`,
);
const started = performance.now();
const series = (override?: Record<string, (typeof STRATEGIES)[StrategyId]>): GameRecord[] =>
  seeds.flatMap((seed) =>
    playSeries({
      scenario,
      games,
      seed,
      level,
      rounds,
      seatCount,
      ...(override ? { override } : {}),
    }),
  );

interface Row {
  margin: number;
  stars: number;
  share: number;
  vsFair: number;
  /** Win share per seed, to show how much it moves. */
  bySeed: number[];
}

function rowOf(seat: string, played: GameRecord[]): Row {
  const s = summarise(scenario, played, scoring)[seat]!;
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const bySeed = seeds.map((_, k) => {
    const part = summarise(scenario, played.slice(k * games, (k + 1) * games), scoring)[seat]!;
    return part.wins / part.games;
  });
  return {
    margin: mean(s.margins),
    stars: mean(s.stars),
    share: s.wins / s.games,
    vsFair: s.wins / s.fair,
    bySeed,
  };
}

const reference = series();
const results: Record<string, Record<string, Row>> = {};
for (const seat of seats) {
  results[seat] = { doctrine: rowOf(seat, reference) };
  for (const id of strategies) results[seat]![id] = rowOf(seat, series({ [seat]: STRATEGIES[id] }));
}
const seconds = (performance.now() - started) / 1000;
console.log(
  `${scenario.title}: ${games} games a seed × ${seeds.length} seeds for each seat and strategy, ${rounds} rounds, ${seatCount} seats, doctrine bots (${level}) elsewhere; fair share ${(100 / seatCount).toFixed(1)}%; ${seconds.toFixed(0)} s`,
);

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
for (const seat of seats) {
  console.log('');
  console.log(`### ${scenario.actors.find((a) => a.id === seat)?.name ?? seat}`);
  console.log('');
  console.log('| strategy | mean stars | mean margin | win share | vs fair | win share by seed |');
  console.log('| --- | --- | --- | --- | --- | --- |');
  for (const [id, r] of Object.entries(results[seat]!)) {
    const name =
      id === 'doctrine' ? 'its own doctrine (reference)' : STRATEGIES[id as StrategyId].name;
    console.log(
      `| ${name} | ${r.stars.toFixed(2)} | ${r.margin.toFixed(2)} | ${pct(r.share)} | ${r.vsFair.toFixed(2)}× | ${r.bySeed.map(pct).join(' / ')} |`,
    );
  }
}

// The article's lesson, checked.
const checks: [string, boolean][] = [];
const row = (seat: string, id: StrategyId) => results[seat]?.[id];
const beats = (seat: string, a: StrategyId, b: StrategyId, byMargin = 0) => {
  const x = row(seat, a);
  const y = row(seat, b);
  return !!x && !!y && x.margin >= y.margin + byMargin && x.share > y.share;
};
if (results.china && strategies.includes('flexible')) {
  const others = strategies.filter((id) => id !== 'flexible');
  checks.push([
    'China: flexible partnership beats every other pure strategy in mean margin and win share',
    others.every((id) => beats('china', 'flexible', id)),
  ]);
  if (strategies.includes('hermit'))
    checks.push([
      'China: the hermit is clearly behind flexible partnership (at least a star of margin)',
      beats('china', 'flexible', 'hermit', 1),
    ]);
  if (strategies.includes('treaties'))
    checks.push([
      'China: the treaty builder is behind flexible partnership',
      beats('china', 'flexible', 'treaties'),
    ]);
}
if (results.usa && strategies.includes('hermit')) {
  for (const id of ['loyal', 'treaties'] as const)
    if (strategies.includes(id))
      checks.push([
        `United States & NATO: ${STRATEGIES[id].name.toLowerCase()} beats the hermit`,
        beats('usa', id, 'hermit'),
      ]);
}
const overDouble = seats.flatMap((seat) =>
  strategies.filter((id) => row(seat, id)!.vsFair > 2).map((id) => `${seat} ${id}`),
);
checks.push([
  `No pure strategy of any seat wins more than double its fair share${overDouble.length ? ` (over: ${overDouble.join(', ')})` : ''}`,
  overDouble.length === 0,
]);
console.log('');
for (const [what, ok] of checks) console.log(`${ok ? 'PASS' : 'FAIL'}  ${what}`);
