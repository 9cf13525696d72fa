/**
 * Games of bots for the balance and strategy harnesses, recorded so that
 * they can be scored again under other thresholds and pars without being
 * played again (normal-level doctrine bots never read thresholds: goal
 * values do not depend on them).
 */
import { type Bot, type BotLevel, doctrineBot } from '../src/bots/bot.ts';
import type { Doctrine } from '../src/bots/doctrine.ts';
import { playBotGame } from '../src/bots/play-bots.ts';
import { doctrineFor } from '../src/bots/roster.ts';
import { type Ctx, ctxOf } from '../src/ctx.ts';
import { fullSeatCount, parFor, starsFor, thresholdsFor } from '../src/goals.ts';
import { actionPointsMax } from '../src/plan.ts';
import type { Goal, Scenario } from '../src/scenario/schema.ts';
import { goalValue } from '../src/scoring.ts';
import type { MatchState } from '../src/state.ts';
import type { BehaviourRates } from './behaviour-rates.ts';

export interface SeatRecord {
  goalValues: number[];
  objective: { goal: Goal; value: number } | null;
  grievancePenalty: number;
  warMaker: boolean;
  reputation: number;
  startWealth: number;
  endWealth: number;
  /** Wealth held when the last round's negotiation began, and the most the seat could spend in it. */
  lastRoundWealth: number;
  lastRoundSpendable: number;
  /** Wealth the seat's last-round orders spent (investments, aid, packages). */
  lastRoundSpent: number;
}

export interface GameRecord {
  seats: string[];
  rounds: number;
  war: boolean;
  bySeat: Record<string, SeatRecord>;
}

export interface SeriesOptions {
  scenario: Scenario;
  games: number;
  seed: string;
  level: BotLevel;
  rounds?: number;
  /** Seats in play: the full table by default; fewer keep the required seats and rotate the optional ones. */
  seatCount?: number;
  /** Doctrines that replace a seat's own (the strategy harness). */
  override?: Record<string, Doctrine>;
  /** Also counts how the bots behave (balance's `--rates`). */
  rates?: BehaviourRates;
}

/** The seats of game `g`: the required ones, then optional ones in turn. */
export function seatsOfGame(scenario: Scenario, seatCount: number, g: number): string[] {
  const { required, optional } = scenario.seats;
  const n = Math.max(0, Math.min(optional.length, seatCount - required.length));
  return [
    ...required,
    ...Array.from({ length: n }, (_, i) => optional[(g + i) % optional.length]!),
  ];
}

function record(ctx: Ctx, state: MatchState, seat: string, last: LastRound): SeatRecord {
  const a = state.actors[seat]!;
  const goals = ctx.actor[seat]?.seat?.goals ?? [];
  const objDef = a.objective ? ctx.objective[a.objective] : undefined;
  let grievances = 0;
  for (const id of ctx.actorIds) grievances += state.actors[id]!.grievances[seat] ?? 0;
  return {
    goalValues: goals.map((goal) => goalValue(ctx, state, seat, goal)),
    objective: objDef
      ? { goal: objDef.goal, value: goalValue(ctx, state, seat, objDef.goal) }
      : null,
    grievancePenalty: Math.min(3, grievances),
    warMaker: state.ending?.reason === 'greatPowerWar' && state.warMakers.includes(seat),
    reputation: a.reputation,
    startWealth: a.startWealth,
    endWealth: a.wealth,
    lastRoundWealth: last.wealth[seat] ?? 0,
    lastRoundSpendable: last.spendable[seat] ?? 0,
    lastRoundSpent: last.spent[seat] ?? 0,
  };
}

interface LastRound {
  wealth: Record<string, number>;
  spendable: Record<string, number>;
  spent: Record<string, number>;
}

/** The largest investment, times the action points: the most Wealth orders can take in a round. */
const MAX_INVEST = 4;

export function playSeries(o: SeriesOptions): GameRecord[] {
  const ctx = ctxOf(o.scenario);
  const seatCount = o.seatCount ?? fullSeatCount(o.scenario);
  const out: GameRecord[] = [];
  const botFor = new Map<string, Bot>();
  const bot = (seat: string) => {
    let b = botFor.get(seat);
    if (!b) {
      b = doctrineBot(o.override?.[seat] ?? doctrineFor(o.scenario, seat), o.level);
      botFor.set(seat, b);
    }
    return b;
  };
  for (let g = 0; g < o.games; g++) {
    const seats = seatsOfGame(o.scenario, seatCount, g);
    const bots = Object.fromEntries(seats.map((s) => [s, bot(s)]));
    const settings = { seats, ...(o.rounds ? { rounds: o.rounds } : {}) };
    const last: LastRound = { wealth: {}, spendable: {}, spent: {} };
    const counted = o.rates?.options();
    const game = playBotGame(o.scenario, settings, `${o.seed}:${g}`, bots, `${o.seed}:${g}`, {
      keepEvents: !!counted,
      ...(counted?.beforeStep ? { beforeStep: counted.beforeStep } : {}),
      onStep(state, cmd) {
        counted?.onStep?.(state, cmd);
        const lastRound = state.round === state.settings.rounds;
        if (cmd.kind === 'advance' && lastRound && state.phase === 'diplomacy')
          for (const s of seats) {
            last.wealth[s] = state.actors[s]!.wealth;
            last.spendable[s] = MAX_INVEST * actionPointsMax(ctx, state, s);
          }
        if (!lastRound || (cmd.kind !== 'order' && cmd.kind !== 'offer')) return;
        const spent =
          cmd.kind === 'order'
            ? cmd.order.kind === 'invest' || cmd.order.kind === 'aid'
              ? cmd.order.amount
              : 0
            : cmd.riders.reduce((n, r) => n + (r.kind === 'investment' ? r.amount : 0), 0);
        last.spent[cmd.seat] = (last.spent[cmd.seat] ?? 0) + spent;
      },
    });
    o.rates?.addGame(game);
    const state = game.state;
    out.push({
      seats,
      rounds: state.ending?.roundsPlayed ?? state.round,
      war: state.ending?.reason === 'greatPowerWar',
      bySeat: Object.fromEntries(seats.map((s) => [s, record(ctx, state, s, last)])),
    });
  }
  return out;
}

/** Thresholds and pars to score recorded games with: a seat's goals' thresholds and its par. */
export interface Scoring {
  thresholds: (seat: string, goal: number, rounds: number, seats: number) => number[];
  par: (seat: string, rounds: number, seats: number) => number;
}

/** The scenario's own thresholds and pars, fitted to each game's rounds and seats. */
export function scenarioScoring(scenario: Scenario): Scoring {
  const ctx = ctxOf(scenario);
  return {
    thresholds: (seat, i, rounds, seats) =>
      thresholdsFor(ctx, ctx.actor[seat]!.seat!.goals[i]!, rounds, seats),
    par: (seat, rounds, seats) => parFor(ctx, seat, rounds, seats),
  };
}

export interface SeatResult {
  stars: number;
  margin: number;
}

/** Whether a seat met its secret objective, its threshold fitted to the game's rounds and seats. */
export function objectiveMet(scenario: Scenario, game: GameRecord, seat: string): boolean {
  const o = game.bySeat[seat]!.objective;
  if (!o) return false;
  const t = thresholdsFor(ctxOf(scenario), o.goal, game.rounds, game.seats.length);
  return starsFor(o.goal, t, o.value) > 0;
}

/** A recorded game scored as scoreMatch would: stars, margin, and each seat's share of the win. */
export function scoreGame(
  scenario: Scenario,
  game: GameRecord,
  scoring: Scoring,
): { results: Record<string, SeatResult>; winShare: Record<string, number> } {
  const ctx = ctxOf(scenario);
  const results: Record<string, SeatResult> = {};
  const n = game.seats.length;
  for (const seat of game.seats) {
    const r = game.bySeat[seat]!;
    const goals = ctx.actor[seat]?.seat?.goals ?? [];
    let stars = goals.reduce(
      (sum, goal, i) =>
        sum + starsFor(goal, scoring.thresholds(seat, i, game.rounds, n), r.goalValues[i]!),
      0,
    );
    if (objectiveMet(scenario, game, seat)) stars += 3;
    stars -= r.grievancePenalty;
    if (game.war && !r.warMaker && stars > 0) stars *= 0.75;
    results[seat] = { stars, margin: stars - scoring.par(seat, game.rounds, n) };
  }
  // Rank 1 wins: war makers last, then margin, then Reputation; seats level on all three share it.
  const key = (s: string) => [
    game.bySeat[s]!.warMaker ? 0 : 1,
    results[s]!.margin,
    game.bySeat[s]!.reputation,
  ];
  let top: string[] = [];
  let best: number[] = [];
  for (const s of game.seats) {
    const k = key(s);
    const cmp = compareKeys(k, best);
    if (top.length === 0 || cmp > 0) {
      top = [s];
      best = k;
    } else if (cmp === 0) top.push(s);
  }
  const winShare = Object.fromEntries(game.seats.map((s) => [s, 0]));
  for (const s of top) winShare[s] = 1 / top.length;
  return { results, winShare };
}

/** Compares rank keys (war, margin, Reputation) in order: positive when `a` ranks above `b`. */
export function compareKeys(a: number[], b: number[]): number {
  for (let i = 0; i < a.length; i++) {
    const d = a[i]! - (b[i] ?? 0);
    if (Math.abs(d) > 1e-9) return d;
  }
  return 0;
}

/** Per seat over many games: mean stars, mean margin, win share and the fair share it is measured against. */
export interface Summary {
  games: number;
  stars: number[];
  margins: number[];
  wins: number;
  /** The sum over the seat's games of 1 / seats in play: what its wins are compared with. */
  fair: number;
}

export function summarise(
  scenario: Scenario,
  games: GameRecord[],
  scoring: Scoring,
): Record<string, Summary> {
  const out: Record<string, Summary> = {};
  for (const game of games) {
    const { results, winShare } = scoreGame(scenario, game, scoring);
    for (const s of game.seats) {
      out[s] ??= { games: 0, stars: [], margins: [], wins: 0, fair: 0 };
      const row = out[s];
      row.games++;
      row.stars.push(results[s]!.stars);
      row.margins.push(results[s]!.margin);
      row.wins += winShare[s]!;
      row.fair += 1 / game.seats.length;
    }
  }
  return out;
}
