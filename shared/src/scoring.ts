import { type Ctx, ctxOf, isGreatPower } from './ctx.ts';
import { isAtMost, matchGoal, seatGoals, seatPar, starsFor } from './goals.ts';
import type { Goal, Scenario } from './scenario/schema.ts';
import type { MatchState, ReadonlyState } from './state.ts';
import { partnersAtLeast, tieLevel, treatyCount } from './ties.ts';
import { levelOf, STRATEGIC } from './vocabulary.ts';

interface GoalScore {
  label: string;
  value: number;
  stars: number;
}

export interface SeatScore {
  seat: string;
  goals: GoalScore[];
  objective: { id: string; text: string; met: boolean } | null;
  grievancePenalty: number;
  /** Stars after the great-power-war cut, if any. */
  stars: number;
  par: number;
  margin: number;
  warMaker: boolean;
  rank: number;
}

export interface Award {
  id: 'mostEntrapped' | 'abandonedAlly' | 'bestBroker' | 'mostLoyal' | 'closestToChina';
  title: string;
  seat: string;
  value: number;
}

/** The value a goal measures for an actor now. */
export function goalValue(ctx: Ctx, state: MatchState, actor: string, goal: Goal): number {
  const a = state.actors[actor]!;
  switch (goal.kind) {
    case 'trackAtLeast':
      return a[goal.track];
    case 'regionsWithInfluence':
      return ctx.regionIds.filter((r) => (a.influence[r] ?? 0) >= goal.min).length;
    case 'influenceInRegions':
      return goal.regions.reduce((s, r) => s + (a.influence[r] ?? 0), 0);
    case 'roundsEntangledAtMost':
      return a.roundsEntangled;
    case 'partnersHonoured':
      return a.stats.honouredForMe;
    case 'treatiesKept':
      return a.stats.abandoned > 0 ? 0 : treatyCount(ctx, state, actor) + a.stats.treatyHonoured;
    case 'influenceLead': {
      const rival = state.actors[goal.rival]!;
      return goal.regions.reduce(
        (s, r) => s + (a.influence[r] ?? 0) - (rival.influence[r] ?? 0),
        0,
      );
    }
    case 'wealthGrowth':
      return a.wealth - a.startWealth;
    case 'greatPowerPartners':
      return ctx.actorIds.filter(
        (x) =>
          x !== actor &&
          isGreatPower(ctx, x) &&
          tieLevel(ctx, state, actor, x) >= levelOf(goal.level),
      ).length;
    case 'tiesAtLeast':
      return partnersAtLeast(ctx, state, actor, levelOf(goal.level)).length;
    case 'noAbandonment':
      return a.stats.abandoned > 0 ? 0 : state.round;
  }
}

/** A seat's secret objective as it stands in this match: its threshold scaled, its text with it. */
export function objectiveOf(
  ctx: Ctx,
  state: MatchState,
  seat: string,
): { id: string; text: string; met: boolean } | null {
  const id = state.actors[seat]?.objective;
  const def = id ? ctx.objective[id] : undefined;
  if (!def) return null;
  const { thresholds } = matchGoal(ctx, state, def.goal);
  const threshold = isAtMost(def.goal) ? Math.max(...thresholds) : Math.min(...thresholds);
  return {
    id: def.id,
    text: def.text.replaceAll('{threshold}', String(threshold)),
    met: starsFor(def.goal, thresholds, goalValue(ctx, state, seat, def.goal)) > 0,
  };
}

/**
 * Scores every seat against par (docs/rules.md §13): three goals, the secret
 * objective (+3), −1 per grievance held against it (at most −3). After a
 * great-power war the seats that caused it rank last and every other seat's
 * stars are cut by a quarter. Ties go to Reputation.
 */
export function scoreMatch(scenario: Scenario, readOnlyState: ReadonlyState): SeatScore[] {
  const state = readOnlyState as MatchState; // a query: it never writes (seat-state.test.ts)
  const ctx = ctxOf(scenario);
  const war = state.ending?.reason === 'greatPowerWar';
  const scores: SeatScore[] = state.seats.map((seat) => {
    const goals = seatGoals(ctx, state, seat).map(({ goal, thresholds, label }) => {
      const value = goalValue(ctx, state, seat, goal);
      return { label, value, stars: starsFor(goal, thresholds, value) };
    });
    const objective = objectiveOf(ctx, state, seat);
    let grievances = 0;
    for (const id of ctx.actorIds) grievances += state.actors[id]!.grievances[seat] ?? 0;
    const grievancePenalty = Math.min(3, grievances);
    let stars =
      goals.reduce((s, g) => s + g.stars, 0) + (objective?.met ? 3 : 0) - grievancePenalty;
    const warMaker = war && state.warMakers.includes(seat);
    if (war && !warMaker && stars > 0) stars = stars * 0.75;
    const par = seatPar(ctx, state, seat);
    return {
      seat,
      goals,
      objective,
      grievancePenalty,
      stars,
      par,
      margin: stars - par,
      warMaker,
      rank: 0,
    };
  });
  const sorted = [...scores].sort(
    (x, y) =>
      Number(x.warMaker) - Number(y.warMaker) ||
      y.margin - x.margin ||
      state.actors[y.seat]!.reputation - state.actors[x.seat]!.reputation ||
      (x.seat < y.seat ? -1 : 1),
  );
  sorted.forEach((s, i) => {
    s.rank = i + 1;
  });
  return sorted;
}

/** The ending's awards (docs/rules.md §13), each to the seat with the highest count (none when nobody scored). */
export function awards(scenario: Scenario, readOnlyState: ReadonlyState): Award[] {
  const state = readOnlyState as MatchState; // a query: it never writes (seat-state.test.ts)
  const ctx = ctxOf(scenario);
  const best = (id: Award['id'], title: string, value: (seat: string) => number): Award[] => {
    let top: Award | null = null;
    for (const seat of state.seats) {
      const v = value(seat);
      if (v > 0 && (!top || v > top.value)) top = { id, title, seat, value: v };
    }
    return top ? [top] : [];
  };
  const stats = (seat: string) => state.actors[seat]!.stats;
  const out = [
    ...best('mostEntrapped', 'Most Entrapped', (s) => stats(s).entrapped),
    ...best('abandonedAlly', 'Abandoned Ally', (s) => stats(s).abandonedBy),
    ...best('bestBroker', 'Best Broker', (s) => stats(s).mediations + stats(s).defusals),
    ...best('mostLoyal', 'Most Loyal Partner', (s) => stats(s).honoured),
  ];
  const china = state.seats.find((s) => s === 'china');
  if (china)
    out.push({
      id: 'closestToChina',
      title: 'Closest to the real China',
      seat: china,
      value: chinaPattern(ctx, state, china),
    });
  return out;
}

/**
 * How closely the China seat played the article's China (0–3): strategic
 * partnerships rather than treaties, no new treaty, and scaling back when a
 * partner went to war.
 */
function chinaPattern(ctx: Ctx, state: MatchState, china: string): number {
  const s = state.actors[china]!.stats;
  const partnerships = partnersAtLeast(ctx, state, china, STRATEGIC).length >= 2 ? 1 : 0;
  return (
    partnerships + (s.newTreaties === 0 ? 1 : 0) + (s.scaledBack > 0 || s.entrapped === 0 ? 1 : 0)
  );
}
