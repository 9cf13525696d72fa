import type { BotLevel } from '../bots/bot.ts';
import { playBotsOn } from '../bots/play-bots.ts';
import { doctrineBots } from '../bots/roster.ts';
import type { EngineEvent } from '../events/types.ts';
import { cloneState } from '../hash.ts';
import type { Scenario } from '../scenario/schema.ts';
import { scoreMatch } from '../scoring.ts';
import type { MatchState } from '../state.ts';
import type { Replay } from './replay.ts';
import { type ActorTracks, CHARTED_TRACKS, type ChartedTrack, sampleTracks } from './sample.ts';

/**
 * "Bots play on": what happened from a fork point to the end of a match,
 * one seat at a time, for the original (what really happened) and for each
 * run of doctrine bots from the fork's state; then the distribution over
 * the runs beside the original (docs/replays.md, "Forks").
 */

/** Per seat, from the fork point on. */
export interface SeatOutcome {
  /** Times it was entrapped. */
  entrapped: number;
  /** Times it abandoned a partner's call. */
  abandoned: number;
  /** Times a partner abandoned it. */
  abandonedBy: number;
  /** Great-power wars it was in. */
  wars: number;
}

export interface RunOutcome {
  /** The seat `scoreMatch` ranks first (the archive's winner); null when the match did not end. */
  winner: string | null;
  /** Great-power wars from the fork point on. */
  wars: number;
  seats: Record<string, SeatOutcome>;
  /** Every seat's tracks at the end of each round from the fork's round on: `tracks[i]` is round `fromRound + i`. */
  tracks: Record<string, ActorTracks>[];
}

/** The outcome of a match from `events` (those after the fork point) and the state it ended in. */
function outcomeOf(
  scenario: Scenario,
  final: MatchState,
  events: readonly EngineEvent[],
  tracks: Record<string, ActorTracks>[],
): RunOutcome {
  const seats: Record<string, SeatOutcome> = {};
  for (const s of final.seats) seats[s] = { entrapped: 0, abandoned: 0, abandonedBy: 0, wars: 0 };
  let wars = 0;
  for (const e of events) {
    const [first, second] = e.actors;
    if (e.type === 'entrapment' && first && seats[first]) seats[first].entrapped++;
    if (e.type === 'abandonment') {
      if (first && seats[first]) seats[first].abandoned++;
      if (second && seats[second]) seats[second].abandonedBy++;
    }
    if (e.type === 'greatPowerWar') {
      wars++;
      for (const a of new Set(e.actors)) if (seats[a]) seats[a].wars++;
    }
  }
  const winner = final.phase === 'ended' ? (scoreMatch(scenario, final)[0]?.seat ?? null) : null;
  return { winner, wars, seats, tracks };
}

/**
 * Doctrine bots play every seat from `state` (not changed) to the end, once,
 * with their own generator seeded by `botSeed`: deterministic in (state,
 * level, botSeed). The match's dice are the state's; a run with fresh dice
 * is given a reseeded state.
 */
export function playOnOnce(
  scenario: Scenario,
  state: MatchState,
  level: BotLevel,
  botSeed: string,
): RunOutcome {
  const s = cloneState(state);
  const fromRound = s.round;
  const tracks: Record<string, ActorTracks>[] = [];
  const played = playBotsOn(scenario, s, doctrineBots(scenario, s.seats, level), botSeed, {
    keepEvents: true,
    onStep: (now, cmd) => {
      // A round's point is its resolution (or the end of the match), as trackSeries charts it.
      if (cmd.kind !== 'advance' && cmd.kind !== 'endMatch') return;
      if (now.phase === 'resolution' || now.phase === 'ended')
        tracks[now.round - fromRound] = sampleTracks(now);
    },
  });
  return outcomeOf(scenario, played.state, played.events, tracks.filter(Boolean));
}

/** What really happened in the original from the command `step` on (a fork's point). */
export function actualOutcome(replay: Replay, step: number): RunOutcome {
  const from = replay.stateAtStep(step);
  const events = replay.events.filter((e) => e.step > step).map((e) => e.event);
  const tracks: Record<string, ActorTracks>[] = [];
  // The last timeline entry of each round, from the fork's round on.
  for (const entry of replay.timeline) {
    if (entry.round < from.round) continue;
    tracks[entry.round - from.round] = replay.tracksAt(entry.index);
  }
  return outcomeOf(replay.scenario, replay.finalState(), events, tracks.filter(Boolean));
}

/** A spread over the runs: the low, middle and high of a number. */
export interface Spread {
  min: number;
  p10: number;
  median: number;
  p90: number;
  max: number;
  mean: number;
}

export interface OutcomeSummary {
  runs: number;
  /** How many runs each seat won (a run without an end counts for nobody). */
  wins: Record<string, number>;
  wars: Spread;
  seats: Record<string, Record<keyof SeatOutcome, Spread>>;
  /** Per seat and track, the spread over the runs at the end of each round from the fork's. */
  tracks: Record<string, Record<ChartedTrack, Spread[]>>;
}

/** The quantile `q` of sorted numbers (nearest rank). */
function quantile(sorted: readonly number[], q: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))]!;
}

function spread(values: readonly number[]): Spread {
  const sorted = [...values].sort((a, b) => a - b);
  const mean = sorted.length ? sorted.reduce((a, b) => a + b, 0) / sorted.length : 0;
  return {
    min: sorted[0] ?? 0,
    p10: quantile(sorted, 0.1),
    median: quantile(sorted, 0.5),
    p90: quantile(sorted, 0.9),
    max: sorted.at(-1) ?? 0,
    mean,
  };
}

/** The distribution of `runs` (at least one): wins, wars, each seat's counts and tracks. */
export function summariseOutcomes(runs: readonly RunOutcome[]): OutcomeSummary {
  const seatIds = Object.keys(runs[0]?.seats ?? {});
  const wins: Record<string, number> = Object.fromEntries(seatIds.map((s) => [s, 0]));
  for (const r of runs) if (r.winner && r.winner in wins) wins[r.winner]!++;
  const rounds = Math.max(0, ...runs.map((r) => r.tracks.length));
  const seats: OutcomeSummary['seats'] = {};
  const tracks: OutcomeSummary['tracks'] = {};
  for (const s of seatIds) {
    const counts = (k: keyof SeatOutcome) => spread(runs.map((r) => r.seats[s]?.[k] ?? 0));
    seats[s] = {
      entrapped: counts('entrapped'),
      abandoned: counts('abandoned'),
      abandonedBy: counts('abandonedBy'),
      wars: counts('wars'),
    };
    const byTrack = {} as Record<ChartedTrack, Spread[]>;
    for (const t of CHARTED_TRACKS) {
      byTrack[t] = Array.from({ length: rounds }, (_, i) =>
        // A run that ended early (a war) keeps its last round's value for the rounds after.
        spread(runs.map((r) => (r.tracks[i] ?? r.tracks.at(-1))?.[s]?.[t] ?? 0)),
      );
    }
    tracks[s] = byTrack;
  }
  return { runs: runs.length, wins, wars: spread(runs.map((r) => r.wars)), seats, tracks };
}
