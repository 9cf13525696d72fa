/**
 * Plays doctrine bots in every seat and prints each faction's score
 * distribution and win share, with an SVG chart of win shares:
 *   npm run balance -- --games 2000 --scenario main --seed 1 --level normal
 * With `--fit` it also suggests pars (GAME.md §7: par is set by the balance
 * harness from bot self-play) that bring every win share near fair on these
 * games; check them on another --seed before putting them in the scenario.
 * `--pars 4` sets every seat's par to one number for the run; `--goals`
 * also prints each goal's end values (quartiles) against its thresholds;
 * `--rates` how the bots behave as states (abandonments, entrapments,
 * hedges, scale-backs, mandates voted, passed and stretched).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { BOT_LEVELS, type BotLevel } from '../src/bots/bot.ts';
import { playBotGame } from '../src/bots/play-bots.ts';
import { doctrineBots, doctrineFor } from '../src/bots/roster.ts';
import { getScenario } from '../src/content/index.ts';
import { nextFloat, nextInt, seedToState } from '../src/rng.ts';
import type { Scenario } from '../src/scenario/schema.ts';
import { scoreMatch } from '../src/scoring.ts';
import { flag, intFlag, median, quantile } from './args.ts';
import { BehaviourRates } from './behaviour-rates.ts';

const scenarioId = flag('scenario', 'main');
const games = intFlag('games', 2000);
const seed = flag('seed', '1');
const level = flag('level', 'normal') as BotLevel;
if (!BOT_LEVELS.includes(level)) throw new Error(`--level must be one of ${BOT_LEVELS.join(', ')}`);
const base = getScenario(scenarioId);
// `--pars 4` plays with every par set to one number (the scenario's placeholder before tuning).
const parsFlag = flag('pars', '');
const scenario: Scenario =
  parsFlag === ''
    ? base
    : {
        ...base,
        actors: base.actors.map((a) =>
          a.seat ? { ...a, seat: { ...a.seat, par: Number(parsFlag) } } : a,
        ),
      };
const seats = [
  ...scenario.seats.required,
  ...scenario.seats.optional.slice(0, scenario.seats.maxOptional),
];
const bots = doctrineBots(scenario, seats, level);
const fair = 1 / seats.length;
const seatDef = (seat: string) => scenario.actors.find((a) => a.id === seat)?.seat;

const rates = process.argv.includes('--rates')
  ? new BehaviourRates((s) => doctrineFor(scenario, s).id)
  : null;

const stars: Record<string, number[]> = {};
const margins: Record<string, number[]> = {};
const wins: Record<string, number> = {};
/** Per seat, each goal's value at the end of every game, and how often the secret objective was met. */
const goalValues: Record<string, number[][]> = {};
const objectivesMet: Record<string, number> = {};
for (const s of seats) {
  stars[s] = [];
  margins[s] = [];
  wins[s] = 0;
  goalValues[s] = (seatDef(s)?.goals ?? []).map(() => []);
  objectivesMet[s] = 0;
}
/** Per game, each seat's stars and whether it made a great-power war: enough to re-rank under other pars. */
const played: {
  stars: Record<string, number>;
  reputation: Record<string, number>;
  warMakers: Set<string>;
}[] = [];
let wars = 0;
let rounds = 0;
const start = performance.now();
for (let g = 0; g < games; g++) {
  const game = playBotGame(
    scenario,
    { seats },
    `${seed}:${g}`,
    bots,
    `${seed}:${g}`,
    rates?.options(),
  );
  rates?.addGame(game);
  rounds += game.state.round;
  if (game.state.ending?.reason === 'greatPowerWar') wars++;
  const scores = scoreMatch(scenario, game.state);
  played.push({
    stars: Object.fromEntries(scores.map((sc) => [sc.seat, sc.stars])),
    reputation: Object.fromEntries(seats.map((s) => [s, game.state.actors[s]!.reputation])),
    warMakers: new Set(scores.filter((sc) => sc.warMaker).map((sc) => sc.seat)),
  });
  for (const sc of scores) {
    stars[sc.seat]!.push(sc.stars);
    margins[sc.seat]!.push(sc.margin);
    sc.goals.forEach((gs, i) => {
      goalValues[sc.seat]![i]!.push(gs.value);
    });
    if (sc.objective?.met) objectivesMet[sc.seat]! += 1;
  }
  // Rank 1 wins; seats level with it on margin and Reputation (the game's tie-break) share the win.
  const top = scores[0]!;
  const rep = (seat: string) => game.state.actors[seat]!.reputation;
  const level1 = scores.filter(
    (sc) =>
      sc.warMaker === top.warMaker && sc.margin === top.margin && rep(sc.seat) === rep(top.seat),
  );
  for (const sc of level1) wins[sc.seat]! += 1 / level1.length;
}
const seconds = (performance.now() - start) / 1000;
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

const switches = ['--goals', '--fit', '--rates'].filter((f) => process.argv.includes(f));
console.log(
  `npm run balance -- --games ${games} --scenario ${scenarioId} --seed ${seed} --level ${level}${parsFlag ? ` --pars ${parsFlag}` : ''}${switches.map((f) => ` ${f}`).join('')}`,
);
console.log(
  `${scenario.title}: ${games} games, ${seats.length} seats, doctrine bots (${level}), ${seconds.toFixed(1)} s`,
);
console.log(
  `mean rounds ${(rounds / games).toFixed(2)}; great-power war in ${((100 * wars) / games).toFixed(1)}% of games; fair share ${(100 * fair).toFixed(1)}%`,
);
console.log('');
const header = [
  'faction',
  'doctrine',
  'par',
  'mean stars',
  'median',
  'mean margin',
  'win share',
  'vs fair',
];
const rows = seats.map((s) => {
  const par = seatDef(s)?.par ?? 4;
  const share = wins[s]! / games;
  return [
    s,
    doctrineFor(scenario, s).id,
    String(par),
    mean(stars[s]!).toFixed(2),
    median(stars[s]!).toFixed(2),
    mean(margins[s]!).toFixed(2),
    `${(100 * share).toFixed(1)}%`,
    `${(share / fair).toFixed(2)}×`,
  ];
});
console.log(`| ${header.join(' | ')} |`);
console.log(`|${header.map(() => ' --- ').join('|')}|`);
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
const outOfBand = seats.filter((s) => {
  const ratio = wins[s]! / games / fair;
  return ratio < 0.5 || ratio > 2;
});
console.log('');
console.log(
  outOfBand.length === 0
    ? 'Every faction is within half to double its fair share.'
    : `Outside half to double the fair share: ${outOfBand.join(', ')}`,
);

/** A bar per faction (win share) with the fair share and its half/double band as lines. */
function chart(): string {
  const w = 720;
  const rowH = 26;
  const left = 130;
  const top = 50;
  const h = top + rowH * seats.length + 40;
  const maxShare = Math.max(2.2 * fair, ...seats.map((s) => wins[s]! / games));
  const x = (share: number) => left + ((w - left - 30) * share) / maxShare;
  const bars = seats
    .map((s, i) => {
      const share = wins[s]! / games;
      const y = top + i * rowH;
      const ratio = share / fair;
      const colour = ratio < 0.5 || ratio > 2 ? '#c0392b' : '#2e86c1';
      return (
        `<text x="${left - 8}" y="${y + 17}" text-anchor="end">${s}</text>` +
        `<rect x="${left}" y="${y + 4}" width="${(x(share) - left).toFixed(1)}" height="${rowH - 8}" fill="${colour}"/>` +
        `<text x="${(x(share) + 4).toFixed(1)}" y="${y + 17}">${(100 * share).toFixed(1)}%</text>`
      );
    })
    .join('\n');
  const line = (share: number, label: string, dash: string) =>
    `<line x1="${x(share).toFixed(1)}" y1="${top - 6}" x2="${x(share).toFixed(1)}" y2="${top + rowH * seats.length}" stroke="#333" stroke-dasharray="${dash}"/>` +
    `<text x="${x(share).toFixed(1)}" y="${top - 10}" text-anchor="middle">${label}</text>`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="white"/>
<text x="${w / 2}" y="18" text-anchor="middle" font-size="14">${scenario.title}: win share, ${games} games, doctrine bots (${level}), seed ${seed}</text>
${line(fair / 2, 'half', '2 4')}
${line(fair, 'fair', '')}
${line(fair * 2, 'double', '2 4')}
${bars}
</svg>
`;
}
if (switches.includes('--goals')) printGoals();
if (switches.includes('--fit')) fitPars();
if (rates) console.log(`\n${rates.report()}`);

/** Each goal's end values (p10 / p25 / median / p75 / p90) against its thresholds, and objectives met. */
function printGoals(): void {
  console.log('');
  console.log('| faction | goal | p10 / p25 / median / p75 / p90 | thresholds | objective met |');
  console.log('| --- | --- | --- | --- | --- |');
  for (const s of seats) {
    (seatDef(s)?.goals ?? []).forEach((goal, i) => {
      const values = goalValues[s]![i]!;
      const qs = [0.1, 0.25, 0.5, 0.75, 0.9].map((q) => Number(quantile(values, q).toFixed(1)));
      const met = i === 0 ? `${((100 * objectivesMet[s]!) / games).toFixed(0)}%` : '';
      const name = 'track' in goal ? goal.track : goal.kind;
      console.log(
        `| ${i === 0 ? s : ''} | ${name} | ${qs.join(' / ')} | ${goal.thresholds.join('/')} | ${met} |`,
      );
    });
  }
}

/**
 * Win shares on the recorded games under other pars, ranked as scoreMatch
 * ranks: war makers last, then margin, then Reputation; a tie on both shares the win.
 */
function sharesWith(pars: Record<string, number>): Record<string, number> {
  const share: Record<string, number> = Object.fromEntries(seats.map((s) => [s, 0]));
  for (const g of played) {
    const key = (s: string) => [
      g.warMakers.has(s) ? 0 : 1,
      g.stars[s]! - pars[s]!,
      g.reputation[s]!,
    ];
    let top: string[] = [];
    let best: number[] = [];
    for (const s of seats) {
      const k = key(s);
      const cmp = compareKeys(k, best);
      if (top.length === 0 || cmp > 0) {
        top = [s];
        best = k;
      } else if (cmp === 0) top.push(s);
    }
    for (const s of top) share[s]! += 1 / top.length / played.length;
  }
  return share;
}

function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - (b[i] ?? 0);
    if (Math.abs(d) > 1e-9) return d;
  }
  return 0;
}

/** How far the shares are from fair: squared log ratios, each share floored at a tenth of fair. */
function unfairness(share: Record<string, number>): number {
  return seats.reduce((sum, s) => {
    const x = Math.log(Math.max(share[s]!, fair / 10) / fair);
    return sum + x * x;
  }, 0);
}

/** Win shares if each game's winner were drawn with odds exp(margin / t): smooth in the pars. */
function softShares(pars: Record<string, number>, t: number): Record<string, number> {
  const share: Record<string, number> = Object.fromEntries(seats.map((s) => [s, 0]));
  for (const g of played) {
    const eligible = seats.some((s) => !g.warMakers.has(s))
      ? seats.filter((s) => !g.warMakers.has(s))
      : seats;
    const top = Math.max(...eligible.map((s) => g.stars[s]! - pars[s]!));
    const w = eligible.map((s) => Math.exp((g.stars[s]! - pars[s]! - top) / t));
    const total = w.reduce((a, b) => a + b, 0);
    eligible.forEach((s, i) => {
      share[s]! += w[i]! / total / played.length;
    });
  }
  return share;
}

/**
 * Fits pars in two steps. Stars are lumpy (mostly whole numbers, and the
 * secret objective is worth 3), so hard win shares jump as pars move.
 * First the smooth version: pars such that every seat would win its fair
 * share if winners were drawn with odds exp(margin / t) — a convex fit (a
 * logit model with one constant per seat) solved by fixed-point steps,
 * as t shrinks. Then annealing in tenths of a star on the real shares
 * (equal margins go to Reputation, as in the game), keeping the fairest
 * set seen; a par's tenths decide which of two seats on the same whole
 * margin ranks first. No par goes more than a star above the seat's mean.
 */
function fitPars(): void {
  const round = (x: number) => Math.round(10 * x) / 10;
  const pars: Record<string, number> = {};
  for (const s of seats) pars[s] = mean(stars[s]!);
  for (const t of [1, 0.5, 0.25, 0.1])
    for (let i = 0; i < 60; i++) {
      const soft = softShares(pars, t);
      for (const s of seats) pars[s]! += t * Math.log(Math.max(soft[s]!, 1e-6) / fair);
    }
  const ceiling: Record<string, number> = {};
  for (const s of seats) ceiling[s] = round(mean(stars[s]!) + 1);
  for (const s of seats) pars[s] = Math.min(round(pars[s]!), ceiling[s]!);
  const rng = { rng: seedToState(`fit:${seed}`) };
  let score = unfairness(sharesWith(pars));
  let best = { ...pars };
  let bestScore = score;
  const steps = [0.1, 0.1, 0.2, 0.5];
  const iterations = 20000;
  for (let i = 0; i < iterations; i++) {
    const temperature = 0.2 * (1 - i / iterations) + 1e-3;
    const s = seats[nextInt(rng, seats.length)]!;
    const d = steps[nextInt(rng, steps.length)]! * (nextFloat(rng) < 0.5 ? -1 : 1);
    const before = pars[s]!;
    // A par far above what the seat scores would only say "this seat cannot win": cap it.
    pars[s] = Math.min(round(before + d), ceiling[s]!);
    const next = unfairness(sharesWith(pars));
    if (next <= score || nextFloat(rng) < Math.exp((score - next) / temperature)) {
      score = next;
      if (score < bestScore) {
        bestScore = score;
        best = { ...pars };
      }
    } else pars[s] = before;
  }
  const shift = round(mean(seats.map((s) => best[s]! - mean(stars[s]!))));
  for (const s of seats) pars[s] = round(best[s]! - shift);
  const share = sharesWith(pars);
  console.log('');
  console.log('Suggested pars (tenths of a star) and the win shares they give on these games:');
  for (const s of seats)
    console.log(
      `  ${s.padEnd(14)} par ${pars[s]!.toFixed(1).padStart(5)}   ${(100 * share[s]!).toFixed(1)}% (${(share[s]! / fair).toFixed(2)}×)`,
    );
}

mkdirSync('bench-results', { recursive: true });
const file = `bench-results/balance-${scenarioId}.svg`;
writeFileSync(file, chart());
console.log(`chart: ${file}`);
