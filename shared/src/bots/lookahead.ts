import { applyCommand } from '../apply.ts';
import type { SeatCommand } from '../commands/schema.ts';
import { isAtMost, matchGoal, starsFor } from '../goals.ts';
import { cloneState } from '../hash.ts';
import type { Goal } from '../scenario/schema.ts';
import { goalValue } from '../scoring.ts';
import type { MatchState } from '../state.ts';
import type { Situation } from './situation.ts';

/** A goal's stars plus the fraction of the way to its next threshold: smooth enough to rank moves. */
function goalProgress(goal: Goal, thresholds: readonly number[], value: number): number {
  const stars = starsFor(goal, thresholds, value);
  const next = thresholds[stars];
  if (next === undefined) return stars;
  const atMost = isAtMost(goal);
  const prev = stars === 0 ? (atMost ? next + 3 : 0) : thresholds[stars - 1]!;
  const span = Math.abs(next - prev) || 1;
  const done = atMost ? (prev - value) / span : (value - prev) / span;
  return stars + Math.max(0, Math.min(0.95, done));
}

/**
 * How good a position is for the seat, from what it can see: its goals'
 * progress, its own secret objective, grievances against it, with a little
 * weight on Wealth and Reputation to break ties. Tension near war costs.
 */
export function evaluate(s: Situation, state: MatchState): number {
  const seat = s.seat;
  const me = state.actors[seat]!;
  let score = 0;
  const progress = (goal: Goal) =>
    goalProgress(
      goal,
      matchGoal(s.ctx, state, goal).thresholds,
      goalValue(s.ctx, state, seat, goal),
    );
  for (const goal of s.goals) score += progress(goal);
  const objective = me.objective ? s.ctx.objective[me.objective] : undefined;
  if (objective) {
    const p = progress(objective.goal);
    score += p >= 1 ? 3 : p * 0.5;
  }
  let grievances = 0;
  for (const id of s.ctx.actorIds) grievances += state.actors[id]!.grievances[seat] ?? 0;
  score -= Math.min(3, grievances);
  score += 0.02 * me.wealth + 0.05 * me.reputation;
  if (state.ending?.reason === 'greatPowerWar') score -= state.warMakers.includes(seat) ? 10 : 2;
  return score;
}

/**
 * The position after the round resolves, if this seat adds `cmd` and every
 * other seat does what the view shows of it (nothing hidden is guessed:
 * unseen drafts count as empty, offers as unanswered). Works on a clone of
 * the seat's own rebuilt state; the empty deck only means no new card.
 */
function resolvedWith(s: Situation, cmd: SeatCommand | null): MatchState | null {
  const state = cloneState(s.state);
  if (cmd && !applyCommand(s.scenario, state, cmd).ok) return null;
  for (let guard = 0; guard < 5 && state.phase !== 'resolution' && state.phase !== 'ended'; guard++)
    if (
      !applyCommand(s.scenario, state, { kind: 'advance', round: state.round, phase: state.phase })
        .ok
    )
      return null;
  return state;
}

/**
 * The hard level's one-step lookahead: each candidate's gain over doing
 * nothing more, plus a small bonus for the doctrine's own order (offers show
 * no gain until someone accepts them, and the doctrine knows why it wants
 * them). Candidates that make the position worse go last.
 */
export function rerank(s: Situation, candidates: SeatCommand[], limit = 8): SeatCommand[] {
  const head = candidates.slice(0, limit);
  const base = resolvedWith(s, null);
  if (!base) return candidates;
  const baseValue = evaluate(s, base);
  const scored = head.map((cmd, i) => {
    const after = resolvedWith(s, cmd);
    const gain = after ? evaluate(s, after) - baseValue : -99;
    return { cmd, gain, score: gain + (0.3 * (limit - i)) / limit };
  });
  const good = scored.filter((x) => x.gain >= -0.005).sort((a, b) => b.score - a.score);
  const bad = scored.filter((x) => x.gain < -0.005).sort((a, b) => b.score - a.score);
  return [...good.map((x) => x.cmd), ...candidates.slice(limit), ...bad.map((x) => x.cmd)];
}
