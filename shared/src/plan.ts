import { type Problem, refuse } from './commands/problem.ts';
import { unlockedPower } from './crisis.ts';
import { type Ctx, ctxOf } from './ctx.ts';
import { RULES } from './rules.ts';
import type { Scenario } from './scenario/schema.ts';
import type { Answer, MatchState, ReadonlyState } from './state.ts';

/**
 * What a seat's current plans spend this round: action points, Wealth and
 * Power. Validation checks a new command against these totals so that
 * nothing a seat submits can overspend at resolution.
 */
export interface SeatPlan {
  actionPoints: number;
  wealth: number;
  deployed: Record<string, number>;
  deployedTotal: number;
  /** Power committed by region (call answers and Press). */
  committed: Record<string, number>;
}

export function actionPointsMax(ctx: Ctx, state: ReadonlyState, seat: string): number {
  const kind = ctx.actor[seat]?.kind;
  const base =
    kind === 'greatPower'
      ? state.settings.actionPoints.greatPower
      : state.settings.actionPoints.globalSouth;
  return Math.max(0, base - (state.actors[seat]!.entangled > 0 ? RULES.entangledActionPoints : 0));
}

function add(map: Record<string, number>, key: string, n: number) {
  map[key] = (map[key] ?? 0) + n;
}

/** The seat's plan, leaving out its current answer to `skipAnswer` and its press on `skipPress` (being replaced). */
export function seatPlan(
  readOnlyState: ReadonlyState,
  seat: string,
  skip: { answer?: string; press?: string } = {},
): SeatPlan {
  const state = readOnlyState as MatchState; // a query: it never writes (seat-state.test.ts)
  const plan: SeatPlan = {
    actionPoints: 0,
    wealth: 0,
    deployed: {},
    deployedTotal: 0,
    committed: {},
  };
  const draft = state.drafts[seat];
  if (draft) {
    for (const o of draft.orders) {
      plan.actionPoints++;
      if (o.kind === 'invest') plan.wealth += o.amount;
      else if (o.kind === 'aid') plan.wealth += o.amount;
      else if (o.kind === 'deploy') {
        add(plan.deployed, o.region, o.power);
        plan.deployedTotal += o.power;
      }
    }
  }
  for (const offer of state.offers) {
    if (offer.withdrawn) continue;
    if (offer.from === seat) {
      plan.actionPoints++;
      for (const r of offer.riders) if (r.kind === 'investment') plan.wealth += r.amount;
    }
    if (offer.to === seat && offer.favour && offer.answer === false)
      plan.wealth += RULES.favourRejectCost;
  }
  for (const inv of state.invitations) if (inv.from === seat) plan.actionPoints++;
  for (const crisis of state.crises) {
    if (!crisis.live) continue;
    const answer = crisis.answers[seat];
    if (answer && skip.answer !== crisis.uid) {
      plan.wealth += answerWealth(answer);
      if (answer.kind === 'honour' || answer.kind === 'honourIfPressed')
        add(plan.committed, crisis.region, answer.power);
    }
    if (crisis.instigator === seat && crisis.press?.press && skip.press !== crisis.uid)
      add(plan.committed, crisis.region, crisis.press.power);
  }
  return plan;
}

function answerWealth(answer: Answer): number {
  if (answer.kind === 'quiet') return RULES.quiet.wealth;
  if (answer.kind === 'honour' || answer.kind === 'honourIfPressed') return answer.wealth;
  return 0;
}

/**
 * Whether deployments and commitments fit the seat's unlocked Power: each
 * region's commitments draw first on what is deployed there, the rest on the
 * reserve (docs/rules.md §5.3: Power in Europe is not available in the Indo-Pacific).
 */
export function powerFits(state: MatchState, seat: string, plan: SeatPlan): Problem | null {
  const free = unlockedPower(state, seat);
  if (plan.deployedTotal > free)
    return refuse(
      'powerLocked',
      { free },
      `only ${free} Power is free to deploy (the rest is locked)`,
    );
  let reserve = free - plan.deployedTotal;
  for (const region in plan.committed) {
    const over = plan.committed[region]! - (plan.deployed[region] ?? 0);
    if (over > 0) reserve -= over;
  }
  if (reserve < 0)
    return refuse(
      'powerNotThere',
      { free },
      'not enough Power: commitments must come from Power deployed in that region or from the reserve',
    );
  return null;
}

/**
 * The most Power a seat can still commit in a region on top of `plan` (which
 * leaves out the commitment being chosen): what powerFits would accept, so
 * Power already answered to another crisis of the round is not offered twice.
 */
export function commitablePower(
  state: MatchState,
  seat: string,
  plan: SeatPlan,
  region: string,
): number {
  let reserve = unlockedPower(state, seat) - plan.deployedTotal;
  for (const r in plan.committed) {
    const over = plan.committed[r]! - (plan.deployed[r] ?? 0);
    if (over > 0) reserve -= over;
  }
  const unusedHere = Math.max(0, (plan.deployed[region] ?? 0) - (plan.committed[region] ?? 0));
  return Math.max(0, reserve + unusedHere);
}

/** What a seat has left to spend this round, as its orders panel shows it. */
export interface SeatBudget {
  actionPoints: { used: number; max: number };
  wealth: { planned: number; have: number };
  power: { planned: number; free: number };
}

export function seatBudget(
  scenario: Scenario,
  readOnlyState: ReadonlyState,
  seat: string,
): SeatBudget {
  const state = readOnlyState as MatchState; // a query: it never writes (seat-state.test.ts)
  const ctx = ctxOf(scenario);
  const plan = seatPlan(state, seat);
  let committed = 0;
  for (const region in plan.committed) committed += plan.committed[region]!;
  return {
    actionPoints: { used: plan.actionPoints, max: actionPointsMax(ctx, state, seat) },
    wealth: { planned: plan.wealth, have: state.actors[seat]!.wealth },
    power: { planned: plan.deployedTotal + committed, free: unlockedPower(state, seat) },
  };
}
