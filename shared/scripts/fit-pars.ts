/**
 * Pars that bring every seat's win share near its fair share on recorded
 * games (docs/rules.md §13). Stars are lumpy (mostly whole numbers, and the secret
 * objective is worth 3), so hard win shares jump as pars move. First the
 * smooth version: pars such that every seat would win its fair share if
 * winners were drawn with odds exp(margin / t) — a logit model with one
 * constant per seat, solved by fixed-point steps as t shrinks. Then
 * annealing in tenths of a star on the real shares (war makers last, then
 * margin, then Reputation, as the game ranks), keeping the fairest set seen.
 * No par goes more than a star above the seat's mean stars.
 */
import { nextFloat, nextInt, seedToState } from '../src/rng.ts';
import type { Scenario } from '../src/scenario/schema.ts';
import { compareKeys as compare, type GameRecord, type Scoring, scoreGame } from './selfplay.ts';

interface Scored {
  seats: string[];
  stars: Record<string, number>;
  warMaker: Record<string, boolean>;
  reputation: Record<string, number>;
}

const round = (x: number) => Math.round(10 * x) / 10;

export function fitPars(
  scenario: Scenario,
  games: GameRecord[],
  scoring: Scoring,
  seats: string[],
  seed: string,
): Record<string, number> {
  const scored: Scored[] = games.map((g) => {
    const { results } = scoreGame(scenario, g, { ...scoring, par: () => 0 });
    return {
      seats: g.seats,
      stars: Object.fromEntries(g.seats.map((s) => [s, results[s]!.stars])),
      warMaker: Object.fromEntries(g.seats.map((s) => [s, g.bySeat[s]!.warMaker])),
      reputation: Object.fromEntries(g.seats.map((s) => [s, g.bySeat[s]!.reputation])),
    };
  });
  const fair: Record<string, number> = Object.fromEntries(seats.map((s) => [s, 0]));
  const meanStars: Record<string, number> = Object.fromEntries(seats.map((s) => [s, 0]));
  const count: Record<string, number> = Object.fromEntries(seats.map((s) => [s, 0]));
  for (const g of scored)
    for (const s of g.seats) {
      fair[s]! += 1 / g.seats.length;
      meanStars[s]! += g.stars[s]!;
      count[s]! += 1;
    }
  for (const s of seats) meanStars[s]! /= Math.max(1, count[s]!);

  const hardShares = (pars: Record<string, number>) => {
    const wins: Record<string, number> = Object.fromEntries(seats.map((s) => [s, 0]));
    for (const g of scored) {
      let top: string[] = [];
      let best: number[] = [];
      for (const s of g.seats) {
        const k = [g.warMaker[s] ? 0 : 1, g.stars[s]! - pars[s]!, g.reputation[s]!];
        const cmp = compare(k, best);
        if (top.length === 0 || cmp > 0) {
          top = [s];
          best = k;
        } else if (cmp === 0) top.push(s);
      }
      for (const s of top) wins[s]! += 1 / top.length;
    }
    return wins;
  };
  const softShares = (pars: Record<string, number>, t: number) => {
    const wins: Record<string, number> = Object.fromEntries(seats.map((s) => [s, 0]));
    for (const g of scored) {
      const eligible = g.seats.some((s) => !g.warMaker[s])
        ? g.seats.filter((s) => !g.warMaker[s])
        : g.seats;
      const top = Math.max(...eligible.map((s) => g.stars[s]! - pars[s]!));
      const w = eligible.map((s) => Math.exp((g.stars[s]! - pars[s]! - top) / t));
      const total = w.reduce((a, b) => a + b, 0);
      eligible.forEach((s, i) => {
        wins[s]! += w[i]! / total;
      });
    }
    return wins;
  };
  // How far the shares are from fair: squared log ratios, each floored at a tenth of fair,
  // and far more for the part of a ratio outside half to double (the target band), so that
  // no seat is left outside it to bring the others a little nearer.
  const band = Math.log(2);
  const unfairness = (wins: Record<string, number>) =>
    seats.reduce((sum, s) => {
      const x = Math.log(Math.max(wins[s]!, fair[s]! / 10) / fair[s]!);
      const outside = Math.max(0, Math.abs(x) - band + 0.1);
      return sum + x * x + 500 * outside * outside;
    }, 0);

  const pars: Record<string, number> = { ...meanStars };
  for (const t of [1, 0.5, 0.25, 0.1])
    for (let i = 0; i < 60; i++) {
      const soft = softShares(pars, t);
      for (const s of seats) pars[s]! += t * Math.log(Math.max(soft[s]!, 1e-6) / fair[s]!);
    }
  const ceiling: Record<string, number> = {};
  for (const s of seats) ceiling[s] = round(meanStars[s]! + 1);
  for (const s of seats) pars[s] = Math.min(round(pars[s]!), ceiling[s]!);
  const rng = { rng: seedToState(`fit:${seed}`) };
  let score = unfairness(hardShares(pars));
  let best = { ...pars };
  let bestScore = score;
  const steps = [0.1, 0.1, 0.2, 0.5];
  const iterations = 60000;
  for (let i = 0; i < iterations; i++) {
    const temperature = 0.2 * (1 - i / iterations) + 1e-3;
    const s = seats[nextInt(rng, seats.length)]!;
    const d = steps[nextInt(rng, steps.length)]! * (nextFloat(rng) < 0.5 ? -1 : 1);
    const before = pars[s]!;
    pars[s] = Math.min(round(before + d), ceiling[s]!);
    const next = unfairness(hardShares(pars));
    if (next <= score || nextFloat(rng) < Math.exp((score - next) / temperature)) {
      score = next;
      if (score < bestScore) {
        bestScore = score;
        best = { ...pars };
      }
    } else pars[s] = before;
  }
  // Only differences between pars rank seats: centre them on the mean stars, never below 0.
  const shift = round(seats.reduce((n, s) => n + best[s]! - meanStars[s]!, 0) / seats.length);
  return Object.fromEntries(seats.map((s) => [s, Math.max(0, round(best[s]! - shift))]));
}

/**
 * Quartiles made distinct where the values allow it (each star a step
 * harder than the last), never leaving the 10th–90th percentile range
 * [lo, hi] and never out of order.
 */
export function spread(qs: number[], lo: number, hi: number): number[] {
  if (lo > hi) return [...qs];
  const t = qs.map((q) => Math.min(hi, Math.max(lo, q)));
  for (let i = 1; i < t.length; i++)
    if (t[i]! <= t[i - 1]! && t[i - 1]! + 1 <= hi) t[i] = t[i - 1]! + 1;
  for (let i = t.length - 2; i >= 0; i--)
    if (t[i]! >= t[i + 1]!) t[i] = Math.max(lo, t[i + 1]! - 1);
  return t;
}
