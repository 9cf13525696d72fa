/**
 * Plays doctrine bots in every seat and prints each faction's score
 * distribution and win share, with an SVG chart of win shares:
 *   npm run balance -- --games 2000 --scenario main --seed 1 --level normal [--rounds 4] [--seats 4]
 * `--goals` prints each goal's end values against its thresholds and each
 * seat's Wealth; `--fit` suggests thresholds (the quartiles of the values)
 * and pars (docs/rules.md §13: par is set by the balance harness from bot
 * self-play) for these rounds and seats; `--write` puts them into the
 * scenario file (the base values at the default rounds with every seat,
 * otherwise `byRounds` / `bySeats` anchors: docs/rules.md §13). Check
 * fitted values on another --seed. `--pars 4` scores with every par at 4.
 * `--rates` also prints how the bots behave as states (answers to calls,
 * abandonments, entrapments, scale-backs, the Council: behaviour-rates.ts).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { BOT_LEVELS, type BotLevel } from '../src/bots/bot.ts';
import { doctrineFor } from '../src/bots/roster.ts';
import { getScenario } from '../src/content/index.ts';
import { fullSeatCount, isAtMost } from '../src/goals.ts';
import { median, quantile } from './args.ts';
import { BehaviourRates } from './behaviour-rates.ts';
import { fitPars, spread } from './fit-pars.ts';
import { objectiveMet, playSeries, type Scoring, scenarioScoring, summarise } from './selfplay.ts';

const { values: args } = parseArgs({
  options: {
    games: { type: 'string', default: '2000' },
    scenario: { type: 'string', default: 'main' },
    seed: { type: 'string', default: '1' },
    level: { type: 'string', default: 'normal' },
    rounds: { type: 'string' },
    seats: { type: 'string' },
    pars: { type: 'string' },
    goals: { type: 'boolean', default: false },
    fit: { type: 'boolean', default: false },
    write: { type: 'boolean', default: false },
    rates: { type: 'boolean', default: false },
  },
});
const whole = (name: string, v: string | undefined, fallback: number) => {
  const n = v === undefined ? fallback : Number(v);
  if (!Number.isInteger(n) || n < 1)
    throw new Error(`--${name} must be a whole number of at least 1`);
  return n;
};
const scenarioId = args.scenario!;
const scenario = getScenario(scenarioId);
const games = whole('games', args.games, 2000);
const seed = args.seed!;
const level = args.level as BotLevel;
if (!BOT_LEVELS.includes(level)) throw new Error(`--level must be one of ${BOT_LEVELS.join(', ')}`);
const rounds = whole('rounds', args.rounds, scenario.rounds.default);
if (rounds < scenario.rounds.min || rounds > scenario.rounds.max)
  throw new Error(`--rounds must be from ${scenario.rounds.min} to ${scenario.rounds.max}`);
const full = fullSeatCount(scenario);
const minSeats = scenario.seats.required.length + scenario.seats.minOptional;
const seatCount = whole('seats', args.seats, full);
if (seatCount < minSeats || seatCount > full)
  throw new Error(`--seats must be from ${minSeats} to ${full}`);
const allSeats = [...scenario.seats.required, ...scenario.seats.optional];
const seatDef = (seat: string) => scenario.actors.find((a) => a.id === seat)?.seat;

const start = performance.now();
const rates = args.rates
  ? new BehaviourRates(scenario, (seat) => doctrineFor(scenario, seat).id)
  : undefined;
const played = playSeries({
  scenario,
  games,
  seed,
  level,
  rounds,
  seatCount,
  ...(rates ? { rates } : {}),
});
const seconds = (performance.now() - start) / 1000;
const own = scenarioScoring(scenario);
const scoring: Scoring = args.pars === undefined ? own : { ...own, par: () => Number(args.pars) };
const summary = summarise(scenario, played, scoring);
const seats = allSeats.filter((s) => summary[s]);
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

const flags = [
  `--games ${games}`,
  `--scenario ${scenarioId}`,
  `--seed ${seed}`,
  `--level ${level}`,
  `--rounds ${rounds}`,
  `--seats ${seatCount}`,
  ...(args.pars !== undefined ? [`--pars ${args.pars}`] : []),
  ...(['goals', 'fit', 'write', 'rates'] as const).filter((f) => args[f]).map((f) => `--${f}`),
];
console.log(`npm run balance -- ${flags.join(' ')}`);
const wars = played.filter((g) => g.war).length;
console.log(
  `${scenario.title}: ${games} games, ${rounds} rounds, ${seatCount} seats${seatCount < full ? ' (the required ones and optional ones in turn)' : ''}, doctrine bots (${level}), ${seconds.toFixed(1)} s`,
);
console.log(
  `mean rounds played ${mean(played.map((g) => g.rounds)).toFixed(2)}; great-power war in ${((100 * wars) / games).toFixed(1)}% of games; fair share ${(100 / seatCount).toFixed(1)}%`,
);
console.log('');
table(
  ['faction', 'doctrine', 'par', 'mean stars', 'median', 'mean margin', 'win share', 'vs fair'],
  seats.map((s) => {
    const r = summary[s]!;
    return [
      s,
      doctrineFor(scenario, s).id,
      String(scoring.par(s, rounds, seatCount)),
      mean(r.stars).toFixed(2),
      median(r.stars).toFixed(2),
      mean(r.margins).toFixed(2),
      `${((100 * r.wins) / r.games).toFixed(1)}%`,
      `${(r.wins / r.fair).toFixed(2)}×`,
    ];
  }),
);
const outOfBand = seats.filter((s) => {
  const ratio = summary[s]!.wins / summary[s]!.fair;
  return ratio < 0.5 || ratio > 2;
});
console.log('');
console.log(
  outOfBand.length === 0
    ? 'Every faction is within half to double its fair share.'
    : `Outside half to double the fair share: ${outOfBand.join(', ')}`,
);
if (args.goals || args.fit) printGoals();
if (args.goals) printEconomy();
if (rates) console.log(`\n${rates.report()}`);
if (args.fit) fit();

function table(header: string[], rows: string[][]): void {
  console.log(`| ${header.join(' | ')} |`);
  console.log(`|${header.map(() => ' --- ').join('|')}|`);
  for (const r of rows) console.log(`| ${r.join(' | ')} |`);
}

function goalValuesOf(seat: string, i: number): number[] {
  return played.filter((g) => g.bySeat[seat]).map((g) => g.bySeat[seat]!.goalValues[i]!);
}

/** Each goal's end values (p10 / p25 / median / p75 / p90) against the thresholds of this match length. */
function printGoals(): void {
  console.log('');
  table(
    [
      'faction',
      'goal',
      'p10 / p25 / median / p75 / p90',
      'thresholds',
      'inside p10–p90',
      'objective met',
    ],
    seats.flatMap((s) =>
      (seatDef(s)?.goals ?? []).map((goal, i) => {
        const values = goalValuesOf(s, i);
        const qs = [0.1, 0.25, 0.5, 0.75, 0.9].map((q) => Number(quantile(values, q).toFixed(1)));
        const t = scoring.thresholds(s, i, rounds, seatCount);
        const inside = t.every((x) => x >= qs[0]! && x <= qs[4]!);
        const met = played.filter((g) => g.bySeat[s]).map((g) => objectiveMet(scenario, g, s));
        const name = 'track' in goal ? goal.track : goal.kind;
        return [
          i === 0 ? s : '',
          name,
          qs.join(' / '),
          t.join('/'),
          inside ? 'yes' : 'NO',
          i === 0 ? `${((100 * met.filter(Boolean).length) / met.length).toFixed(0)}%` : '',
        ];
      }),
    ),
  );
}

/** Wealth: where it ends against where it started, and whether it still bound in the last round. */
function printEconomy(): void {
  console.log('');
  table(
    [
      'faction',
      'start Wealth',
      'median end Wealth',
      'end ÷ start',
      'median Wealth entering the last round',
      'most orders could take then',
      'spent in the last round (median)',
    ],
    seats.map((s) => {
      const rs = played.filter((g) => g.bySeat[s]).map((g) => g.bySeat[s]!);
      const startW = rs[0]!.startWealth;
      const end = median(rs.map((r) => r.endWealth));
      return [
        s,
        String(startW),
        String(end),
        `${(end / startW).toFixed(2)}×`,
        String(median(rs.map((r) => r.lastRoundWealth))),
        String(median(rs.map((r) => r.lastRoundSpendable))),
        String(median(rs.map((r) => r.lastRoundSpent))),
      ];
    }),
  );
}

/** Thresholds at the quartiles of each goal's values, then pars for them; `--write` stores both. */
function fit(): void {
  const fitted: Record<string, number[][]> = {};
  for (const s of seats)
    fitted[s] = (seatDef(s)?.goals ?? []).map((goal, i) => {
      const values = goalValuesOf(s, i);
      const qs = spread(
        [0.25, 0.5, 0.75].map((q) => Math.round(quantile(values, q))),
        Math.ceil(quantile(values, 0.1)),
        Math.floor(quantile(values, 0.9)),
      );
      return isAtMost(goal) ? qs.reverse() : qs;
    });
  const withThresholds: Scoring = {
    thresholds: (seat, i) => fitted[seat]?.[i] ?? own.thresholds(seat, i, rounds, seatCount),
    par: own.par,
  };
  const pars = fitPars(scenario, played, withThresholds, seats, seed);
  const after = summarise(scenario, played, { ...withThresholds, par: (seat) => pars[seat]! });
  console.log('');
  console.log(
    `Suggested for ${rounds} rounds and ${seatCount} seats: thresholds at the quartiles, and pars for them`,
  );
  table(
    ['faction', 'thresholds', 'par', 'win share on these games'],
    seats.map((s) => [
      s,
      fitted[s]!.map((t) => t.join('/')).join(', '),
      pars[s]!.toFixed(1),
      `${((100 * after[s]!.wins) / after[s]!.games).toFixed(1)}% (${(after[s]!.wins / after[s]!.fair).toFixed(2)}×)`,
    ]),
  );
  if (args.write) writeScenario(fitted, pars);
}

/** Puts fitted thresholds and pars into the scenario file, as base values or as anchors. */
function writeScenario(fitted: Record<string, number[][]>, pars: Record<string, number>): void {
  const file = new URL(`../scenarios/${scenarioId}.json`, import.meta.url);
  const json = JSON.parse(readFileSync(file, 'utf8')) as {
    actors: { id: string; seat?: Record<string, unknown> & { goals: Record<string, unknown>[] } }[];
  };
  const base = rounds === scenario.rounds.default && seatCount === full;
  if (!base && rounds !== scenario.rounds.default && seatCount !== full)
    throw new Error('--write fits one dimension at a time: the default rounds, or every seat');
  const [goalKey, parKey, at] =
    seatCount === full ? ['byRounds', 'parByRounds', rounds] : ['bySeats', 'parBySeats', seatCount];
  for (const actor of json.actors) {
    const seat = actor.seat;
    if (!seat || !fitted[actor.id]) continue;
    seat.goals.forEach((goal, i) => {
      if (base) goal.thresholds = fitted[actor.id]![i]!;
      else goal[goalKey] = { ...(goal[goalKey] as object), [at]: fitted[actor.id]![i]! };
    });
    if (base) seat.par = pars[actor.id]!;
    else seat[parKey] = { ...(seat[parKey] as object), [at]: pars[actor.id]! };
  }
  writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  console.log(
    `written: shared/scenarios/${scenarioId}.json (${base ? 'base values' : `${goalKey} / ${parKey} at ${at}`}); run npx biome format --write on it`,
  );
}

mkdirSync('bench-results', { recursive: true });
const chartFile = `bench-results/balance-${scenarioId}-${rounds}r-${seatCount}s.svg`;
writeFileSync(chartFile, chart());
console.log(`chart: ${chartFile}`);

/** A bar per faction (win share) with the fair share and its half/double band as lines. */
function chart(): string {
  const fair = 1 / seatCount;
  const w = 720;
  const rowH = 26;
  const left = 130;
  const top = 50;
  const h = top + rowH * seats.length + 40;
  const share = (s: string) => summary[s]!.wins / summary[s]!.games;
  const maxShare = Math.max(2.2 * fair, ...seats.map(share));
  const x = (v: number) => left + ((w - left - 30) * v) / maxShare;
  const bars = seats
    .map((s, i) => {
      const y = top + i * rowH;
      const ratio = summary[s]!.wins / summary[s]!.fair;
      const colour = ratio < 0.5 || ratio > 2 ? '#c0392b' : '#2e86c1';
      return (
        `<text x="${left - 8}" y="${y + 17}" text-anchor="end">${s}</text>` +
        `<rect x="${left}" y="${y + 4}" width="${(x(share(s)) - left).toFixed(1)}" height="${rowH - 8}" fill="${colour}"/>` +
        `<text x="${(x(share(s)) + 4).toFixed(1)}" y="${y + 17}">${(100 * share(s)).toFixed(1)}%</text>`
      );
    })
    .join('\n');
  const line = (v: number, label: string, dash: string) =>
    `<line x1="${x(v).toFixed(1)}" y1="${top - 6}" x2="${x(v).toFixed(1)}" y2="${top + rowH * seats.length}" stroke="#333" stroke-dasharray="${dash}"/>` +
    `<text x="${x(v).toFixed(1)}" y="${top - 10}" text-anchor="middle">${label}</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="white"/>
<text x="${w / 2}" y="18" text-anchor="middle" font-size="14">${scenario.title}: win share, ${games} games of ${rounds} rounds, ${seatCount} seats, doctrine bots (${level}), seed ${seed}</text>
${line(fair / 2, 'half', '2 4')}
${line(fair, 'fair', '')}
${line(fair * 2, 'double', '2 4')}
${bars}
</svg>
`;
}
