import { seatKindsIn } from '../commands/phases.ts';
import type { SeatCommand } from '../commands/schema.ts';
import { commandProblem } from '../commands/validate.ts';
import { unlockedPower } from '../crisis.ts';
import { type Ctx, ctxOf, isGreatPower } from '../ctx.ts';
import { actionPointsMax, seatPlan } from '../plan.ts';
import type { DeepReadonly } from '../readonly.ts';
import type { RngHolder } from '../rng.ts';
import type { ActorDef, Goal, Scenario } from '../scenario/schema.ts';
import { stateOfView } from '../seat-state.ts';
import type { ActorState, MatchState, ReadonlyState } from '../state.ts';
import { getTie, tieLevel } from '../ties.ts';
import type { SeatView } from '../view.ts';

type Stamp = { seat: string; round: number; phase: MatchState['phase'] };

/**
 * Everything a bot reasons from, built from the seat's view alone: the match
 * as the seat can rebuild it (stateOfView), its budget for the round and a
 * few public readings. Bots never see a MatchState that came from anywhere
 * else, so they cannot read what the seat may not know.
 */
export interface Situation {
  scenario: Scenario;
  ctx: Ctx;
  /** The seat's rebuilt state: read only, as the view it shares objects with (lookahead clones it). */
  state: ReadonlyState;
  view: SeatView;
  seat: string;
  me: DeepReadonly<ActorState>;
  def: ActorDef;
  goals: Goal[];
  stamp: Stamp;
  kinds: readonly SeatCommand['kind'][];
  apLeft: number;
  wealthLeft: number;
  /** Unlocked Power not yet deployed or committed this round. */
  powerLeft: number;
  rng: RngHolder;
}

export function situationOf(scenario: Scenario, view: SeatView, rng: RngHolder): Situation {
  const seat = view.viewer;
  if (!seat) throw new Error('A bot needs a seat view (the viewer is null)');
  const ctx = ctxOf(scenario);
  const state = stateOfView(view);
  const plan = seatPlan(state, seat);
  const me = state.actors[seat]!;
  const def = ctx.actor[seat]!;
  let committed = 0;
  for (const region in plan.committed) committed += plan.committed[region]!;
  return {
    scenario,
    ctx,
    state,
    view,
    seat,
    me,
    def,
    goals: def.seat?.goals ?? [],
    stamp: { seat, round: state.round, phase: state.phase },
    kinds: seatKindsIn(state.phase, state.settings.pace),
    apLeft: actionPointsMax(ctx, state, seat) - plan.actionPoints,
    wealthLeft: me.wealth - plan.wealth,
    powerLeft: Math.max(0, unlockedPower(state, seat) - plan.deployedTotal - committed),
    rng,
  };
}

/** Whether the engine would accept the command now (the same answer as on the full state). */
export function isLegal(s: Situation, cmd: SeatCommand): boolean {
  return commandProblem(s.ctx, s.state, cmd) === null;
}

/** The level the pair shows (what offers, goals and riders count). */
export function shown(s: Situation, other: string): number {
  return tieLevel(s.ctx, s.state, s.seat, other);
}

export function own(s: Situation, other: string): number {
  return getTie(s.state, s.seat, other)?.level ?? 0;
}

export function greatPowers(s: Situation): string[] {
  return s.ctx.actorIds.filter((id) => id !== s.seat && isGreatPower(s.ctx, id));
}

export function globalSouth(s: Situation): string[] {
  return s.ctx.actorIds.filter((id) => id !== s.seat && s.ctx.actor[id]!.kind === 'globalSouth');
}

export function others(s: Situation): string[] {
  return s.ctx.actorIds.filter((id) => id !== s.seat);
}

function liveCrises(s: Situation) {
  return s.state.crises.filter((c) => c.live);
}

/** Actors that instigate a live crisis or attack in one: partners a cautious state backs away from. */
export function warMakers(s: Situation): Set<string> {
  const out = new Set<string>();
  for (const c of liveCrises(s)) if (c.instigator) out.add(c.instigator);
  return out;
}

/** The regions the seat's goals ask for influence in, the nearest to a threshold first. */
export function influenceRegions(s: Situation): string[] {
  const inf = s.me.influence;
  const wanted = new Map<string, number>();
  const want = (r: string, w: number) => wanted.set(r, Math.max(wanted.get(r) ?? 0, w));
  for (const g of s.goals) {
    if (g.kind === 'regionsWithInfluence') {
      // Regions just below the bar are worth most: one push makes them count.
      for (const r of s.ctx.regionIds) {
        const gap = g.min - (inf[r] ?? 0);
        if (gap > 0) want(r, 3 - Math.min(2.5, gap * 0.5));
      }
    }
    if (g.kind === 'influenceInRegions' || g.kind === 'influenceLead')
      for (const r of g.regions) want(r, 2.5 - (inf[r] ?? 0) / 10);
  }
  return [...wanted.entries()].sort((a, b) => b[1] - a[1]).map(([r]) => r);
}

export function hasGoal(s: Situation, kind: Goal['kind'], track?: string): boolean {
  return s.goals.some((g) => g.kind === kind && (!track || ('track' in g && g.track === track)));
}
