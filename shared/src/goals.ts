import type { Ctx } from './ctx.ts';
import type { Goal, Scenario } from './scenario/schema.ts';
import type { MatchState } from './state.ts';

/**
 * Goals and par fitted to the match being played (docs/rules.md §13): a
 * scenario gives each goal's thresholds and each seat's par for its default
 * number of rounds with every seat in play, and, where the balance harness
 * fitted them, for other numbers of rounds (`byRounds`) and of seats in play
 * (`bySeats`). Between those anchors values are read off a straight line;
 * past the last anchor the nearest segment's slope is carried on. The two
 * adjustments add up: thresholds(R, S) = byRounds(R) + (bySeats(S) − base).
 */

/** Goals whose value piles up round after round: without anchors they scale with the rounds played. */
const CUMULATIVE: ReadonlySet<Goal['kind']> = new Set([
  'partnersHonoured',
  'treatiesKept',
  'wealthGrowth',
  'noAbandonment',
  'roundsEntangledAtMost',
]);

/** "At most" goals: a star for each threshold the value stays at or under. */
export function isAtMost(goal: Goal): boolean {
  return goal.kind === 'roundsEntangledAtMost';
}

/** The seats a scenario seats when the host chooses nothing: its full table. */
export function fullSeatCount(scenario: Scenario): number {
  return scenario.seats.required.length + scenario.seats.maxOptional;
}

/**
 * The rounds the scoring is fitted to: the rounds the host set, or the rounds
 * actually played when the match ended early (a great-power war, or the host
 * ending it). Never fewer than 1.
 */
export function scoringRounds(state: MatchState): number {
  return Math.max(1, state.ending?.roundsPlayed ?? state.settings.rounds);
}

type Anchors = Record<string, readonly number[]> | undefined;

/** A value per anchor key, read off the line through the anchors at `x`. */
function along(points: [number, number][], x: number): number {
  points.sort((p, q) => p[0] - q[0]);
  if (points.length === 1) return points[0]![1];
  let i = 0;
  while (i < points.length - 2 && x > points[i + 1]![0]) i++;
  const [x0, y0] = points[i]!;
  const [x1, y1] = points[i + 1]!;
  return y0 + ((y1 - y0) * (x - x0)) / (x1 - x0);
}

function alongAnchors(
  base: readonly number[],
  baseAt: number,
  anchors: Anchors,
  x: number,
): number[] {
  return base.map((b, i) => {
    const points: [number, number][] = [[baseAt, b]];
    for (const [key, values] of Object.entries(anchors ?? {}))
      if (Number(key) !== baseAt && values[i] !== undefined) points.push([Number(key), values[i]!]);
    return along(points, x);
  });
}

/** The range a goal's value can take in this scenario: thresholds are kept inside it. */
function valueRange(ctx: Ctx, goal: Goal, rounds: number): [number, number] {
  const regions = 'regions' in goal ? goal.regions.length : ctx.regionIds.length;
  switch (goal.kind) {
    case 'trackAtLeast':
      return goal.track === 'power' ? [0, 20] : goal.track === 'wealth' ? [0, 999] : [0, 10];
    case 'regionsWithInfluence':
      return [0, ctx.regionIds.length];
    case 'influenceInRegions':
      return [0, 10 * regions];
    case 'influenceLead':
      return [-10 * regions, 10 * regions];
    case 'greatPowerPartners':
      // Every great power for a Global South seat; a great power's own count is one fewer, which the fit's quartiles respect.
      return [0, ctx.actorIds.filter((id) => ctx.actor[id]!.kind === 'greatPower').length];
    case 'tiesAtLeast':
      return [0, ctx.actorIds.length - 1];
    case 'noAbandonment':
    case 'roundsEntangledAtMost':
      return [0, rounds];
    case 'wealthGrowth':
      return [-999, 999];
    case 'partnersHonoured':
    case 'treatiesKept':
      return [0, 999];
  }
}

/** A goal's thresholds for a match of `rounds` rounds with `seats` seats in play. */
export function thresholdsFor(ctx: Ctx, goal: Goal, rounds: number, seats: number): number[] {
  const { scenario } = ctx;
  const r0 = scenario.rounds.default;
  const s0 = fullSeatCount(scenario);
  const hasRoundAnchors = Object.keys(goal.byRounds ?? {}).length > 0;
  const byRounds = hasRoundAnchors
    ? alongAnchors(goal.thresholds, r0, goal.byRounds, rounds)
    : goal.thresholds.map((t) => (CUMULATIVE.has(goal.kind) ? (t * rounds) / r0 : t));
  const bySeats = alongAnchors(goal.thresholds, s0, goal.bySeats, seats);
  const [lo, hi] = valueRange(ctx, goal, rounds);
  const out = byRounds.map((t, i) =>
    Math.min(hi, Math.max(lo, Math.round(t + bySeats[i]! - goal.thresholds[i]!))),
  );
  // Stars stay in order: each threshold at least as hard as the one before it.
  for (let i = 1; i < out.length; i++)
    out[i] = isAtMost(goal) ? Math.min(out[i]!, out[i - 1]!) : Math.max(out[i]!, out[i - 1]!);
  return out;
}

/** A seat's par for a match of `rounds` rounds with `seats` seats in play, to a tenth of a star. */
export function parFor(ctx: Ctx, seat: string, rounds: number, seats: number): number {
  const def = ctx.actor[seat]?.seat;
  if (!def) return 4;
  const r0 = ctx.scenario.rounds.default;
  const s0 = fullSeatCount(ctx.scenario);
  const toArrays = (m: Record<string, number> | undefined) =>
    m ? Object.fromEntries(Object.entries(m).map(([k, v]) => [k, [v]])) : undefined;
  const byRounds = alongAnchors([def.par], r0, toArrays(def.parByRounds), rounds)[0]!;
  const bySeats = alongAnchors([def.par], s0, toArrays(def.parBySeats), seats)[0]!;
  return Math.max(0, Math.round((byRounds + bySeats - def.par) * 10) / 10);
}

/** The label with its thresholds written in ("Security {thresholds}" → "Security 6/8/10"). */
export function goalLabel(goal: Goal, thresholds: readonly number[]): string {
  const written = thresholds.join('/');
  return goal.label.includes('{thresholds}')
    ? goal.label.replaceAll('{thresholds}', written)
    : goal.label;
}

export interface MatchGoal {
  goal: Goal;
  thresholds: number[];
  label: string;
}

/** A goal as it stands in this match (rounds from `scoringRounds`, the seats in play). */
export function matchGoal(ctx: Ctx, state: MatchState, goal: Goal): MatchGoal {
  const thresholds = thresholdsFor(ctx, goal, scoringRounds(state), state.seats.length);
  return { goal, thresholds, label: goalLabel(goal, thresholds) };
}

/** A seat's three goals as they stand in this match. */
export function seatGoals(ctx: Ctx, state: MatchState, seat: string): MatchGoal[] {
  return (ctx.actor[seat]?.seat?.goals ?? []).map((goal) => matchGoal(ctx, state, goal));
}

/** A seat's par in this match. */
export function seatPar(ctx: Ctx, state: MatchState, seat: string): number {
  return parFor(ctx, seat, scoringRounds(state), state.seats.length);
}

/** Stars (0–3) a goal gives: thresholds are minima, or maxima for "at most" goals. */
export function starsFor(goal: Goal, thresholds: readonly number[], value: number): number {
  const atMost = isAtMost(goal);
  return thresholds.filter((t) => (atMost ? value <= t : value >= t)).length;
}
