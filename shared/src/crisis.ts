import type { Ctx } from './ctx.ts';
import { RULES } from './rules.ts';
import type { CardDef } from './scenario/schema.ts';
import type {
  CallerState,
  CallState,
  CrisisState,
  MatchState,
  ReadonlyState,
  Side,
} from './state.ts';
import {
  type Adjacency,
  adjacencyOf,
  bondsTo,
  forEachWorkingRider,
  getTie,
  lendingShareCount,
  tieList,
} from './ties.ts';
import { ALLIANCE, DIALOGUE, levelOf, PARTNERSHIP, STAKES, type Stake } from './vocabulary.ts';

/** Deterrence share of each tie level (docs/rules.md §4.1), index = level. */
const DETERRENCE_SHARE: readonly number[] = RULES.deterrence.share;

/**
 * Every actor's footprint in a region (0–2): bases, arms sales and training
 * missions, on ties with an actor at home there, that still stand at the
 * level they were made at.
 */
function footprintsIn(ctx: Ctx, state: MatchState, region: string): Record<string, number> {
  const out: Record<string, number> = {};
  for (const tie of tieList(state)) {
    if (tie.riders.length === 0) continue;
    const aHome = ctx.actor[tie.a]?.home === region;
    const bHome = ctx.actor[tie.b]?.home === region;
    if (!aHome && !bHome) continue;
    forEachWorkingRider(ctx, state, tie, (rider) => {
      const holder =
        rider.kind === 'armsSale'
          ? rider.seller
          : rider.kind === 'training'
            ? rider.trainer
            : rider.kind === 'baseAccess'
              ? rider.guest
              : null;
      if (!holder) return;
      const host = holder === tie.a ? tie.b : tie.a;
      if (ctx.actor[host]?.home !== region) return;
      const gain = rider.kind === 'baseAccess' ? RULES.footprint.baseAccess : RULES.footprint.rider;
      out[holder] = Math.min(RULES.footprint.max, (out[holder] ?? 0) + gain);
    });
  }
  return out;
}

export function footprint(ctx: Ctx, state: MatchState, actor: string, region: string): number {
  return footprintsIn(ctx, state, region)[actor] ?? 0;
}

/** An actor's stake in a crisis: the card's, raised to high at home and one step per footprint point. */
export function stakeOf(
  ctx: Ctx,
  state: MatchState,
  actor: string,
  card: CardDef,
  region: string,
  footprints: Record<string, number> = footprintsIn(ctx, state, region),
): Stake {
  if (ctx.actor[actor]?.home === region) return 'high';
  const base = STAKES.indexOf(card.stakes[actor] ?? 'low');
  return STAKES[Math.min(STAKES.length - 1, base + (footprints[actor] ?? 0))]!;
}

/** The parties of a crisis: instigator and target, or for a shared crisis the actors at home in its region. */
export function partiesOf(ctx: Ctx, card: CardDef): string[] {
  if (card.instigator || card.target)
    return [card.instigator, card.target].filter((x): x is string => x !== null);
  return ctx.homeActors[card.region] ?? [];
}

function sideOfParty(crisis: Pick<CrisisState, 'instigator'>, party: string): Side {
  return party === crisis.instigator ? 'attack' : 'defence';
}

/**
 * Who a crisis calls (docs/rules.md §7.4): partners of each party at or above the
 * card's call level, one step only, plus partners (partnership or higher)
 * that hold a footprint in the region whatever the call level. Fixed at Briefing.
 */
export function computeCalls(
  ctx: Ctx,
  state: MatchState,
  card: CardDef,
  crisis: Pick<CrisisState, 'instigator' | 'parties' | 'region'>,
  adjacency: Adjacency = adjacencyOf(state),
): CallState[] {
  if (card.kind === 'vote') return [];
  const callLevel = levelOf(card.callLevel);
  const inst = crisis.instigator;
  const footprints = footprintsIn(ctx, state, crisis.region);
  const byActor = new Map<string, CallerState[]>();
  for (const party of crisis.parties) {
    // forEach rather than for-of: no entry arrays on this hot path.
    bondsTo(ctx, state, party, adjacency).forEach((bond, x) => {
      if (crisis.parties.includes(x)) return;
      // The instigator calls only the partners its card says it asks.
      if (party === inst && card.asks && !card.asks.includes(x)) return;
      const level = bond.level;
      let via: CallerState['via'] | null = null;
      if (level >= callLevel && level >= DIALOGUE) via = bond.bloc ? 'bloc' : 'tie';
      else if (level >= PARTNERSHIP && (footprints[x] ?? 0) > 0) via = 'footprint';
      if (!via) return;
      const list = byActor.get(x);
      const caller = { party, side: sideOfParty(crisis, party), level, via, bloc: bond.bloc };
      if (list) list.push(caller);
      else byActor.set(x, [caller]);
    });
  }
  // Calls come in the scenario's actor order, whatever order the ties were made in.
  const order = (id: string) => ctx.actorIds.indexOf(id);
  const calls: CallState[] = [];
  for (const [actor, callers] of [...byActor].sort((a, b) => order(a[0]) - order(b[0]))) {
    const sides = new Set(callers.map((c) => c.side));
    const both = sides.size > 1;
    const side = both ? 'either' : callers[0]!.side;
    // A defensive treaty obliges when the ally is attacked; for the ally's own operation it only asks.
    const allied = !both && callers.some((c) => c.level >= ALLIANCE);
    const bound = side === 'defence' || card.binds.includes(actor);
    calls.push({
      actor,
      callers,
      side,
      treaty: allied && bound,
      asked: allied && !bound,
      stake: stakeOf(ctx, state, actor, card, crisis.region, footprints),
    });
  }
  return calls;
}

/** Power an actor can still use this round: total less locked. */
export function unlockedPower(state: ReadonlyState, actor: string): number {
  const a = state.actors[actor]!;
  let locked = 0;
  for (const l of a.locked) locked += l.amount;
  return Math.max(0, a.power - locked);
}

/** Power counts half outside the Cohesion holder's home theatre while Cohesion is below 4 (docs/rules.md §9). */
export function effectivePower(
  ctx: Ctx,
  state: MatchState,
  actor: string,
  amount: number,
  region: string,
): number {
  const def = ctx.actor[actor];
  const a = state.actors[actor];
  if (!def?.cohesion || !a || a.cohesion >= RULES.cohesion.weakBelow) return amount;
  return ctx.theatreOf[region] === def.cohesion.homeTheatre
    ? amount
    : Math.floor(amount / RULES.cohesion.weakPowerDivisor);
}

/** Whether two actors hold a joint exercise in a region this round (a drill counts). */
function exercising(state: MatchState, a: string, b: string, region: string): boolean {
  const has = (x: string, y: string) =>
    state.drafts[x]?.orders.some(
      (o) => o.kind === 'exercise' && o.partner === y && o.region === region,
    ) ?? false;
  if (has(a, b) || has(b, a)) return true;
  const pair = (x: string, y: string) => (x === a && y === b) || (x === b && y === a);
  const byOffer = state.offers.some(
    (o) =>
      o.answer === true &&
      !o.withdrawn &&
      pair(o.from, o.to) &&
      o.riders.some((r) => r.kind === 'jointExercise' && r.region === region),
  );
  if (byOffer) return true;
  return state.invitations.some(
    (inv) =>
      inv.kind === 'drill' &&
      inv.round === state.round &&
      ((inv.from === a && inv.accepted.includes(b)) ||
        (inv.from === b && inv.accepted.includes(a))),
  );
}

/**
 * Deterrence behind an actor in a region (docs/rules.md §7.6): over its partners,
 * level share × the Power the partner lends at that level (its unlocked
 * Power split among its partners at that level or above) × its Reputation ÷ 5.
 */
export function deterrence(
  ctx: Ctx,
  state: MatchState,
  target: string,
  region: string,
  withExercises: boolean,
  given?: Adjacency,
): number {
  let total = 0;
  const adjacency = given ?? adjacencyOf(state);
  bondsTo(ctx, state, target, adjacency).forEach((bond, x) => {
    let level = bond.level;
    if (level < PARTNERSHIP) return;
    // An exercise lends as if one level higher: the target then shares that level's pool with its real holders.
    const raised = withExercises && level < ALLIANCE && exercising(state, x, target, region);
    if (raised) level++;
    const lent =
      unlockedPower(state, x) /
      (lendingShareCount(ctx, state, x, level, adjacency) + (raised ? 1 : 0));
    const rep = state.actors[x]!.reputation;
    total +=
      DETERRENCE_SHARE[level]! *
      effectivePower(ctx, state, x, lent, region) *
      (rep / RULES.deterrenceReputationPer);
  });
  return total;
}

/** round() with halves up, as the rules say. */
function roundHalfUp(x: number): number {
  return Math.floor(x + 0.5);
}

/** Severity before the floor of 1: base, isolation of the target, minus deterrence. */
export function severityAfterDeterrence(
  ctx: Ctx,
  state: MatchState,
  crisis: CrisisState,
  withExercises: boolean,
  adjacency?: Adjacency,
): number {
  let s = crisis.severity;
  if (crisis.target) {
    if (state.actors[crisis.target]?.isolated) s += RULES.isolation.severity;
    s -= roundHalfUp(
      deterrence(ctx, state, crisis.target, crisis.region, withExercises, adjacency) /
        RULES.deterrence.perSeverity,
    );
  }
  return s;
}

export function previewSeverity(
  ctx: Ctx,
  state: MatchState,
  crisis: CrisisState,
  adjacency?: Adjacency,
): number {
  return Math.max(1, severityAfterDeterrence(ctx, state, crisis, false, adjacency));
}

/** Whether a live crisis puts an actor "at war" (a party to a pressed or stalemated crisis). */
export function atWar(state: MatchState, actor: string): boolean {
  return state.crises.some(
    (c) => c.live && (c.stalemates > 0 || c.press?.press === true) && c.parties.includes(actor),
  );
}

function hasPresence(ctx: Ctx, state: MatchState, actor: string, region: string): boolean {
  return (state.actors[actor]?.deployed[region] ?? 0) > 0 || ctx.actor[actor]?.home === region;
}

/** A rival great power with presence in the region (for the Tension rules on exercises and deployments). */
export function rivalPresent(
  ctx: Ctx,
  readOnlyState: ReadonlyState,
  actor: string,
  region: string,
): string | null {
  const state = readOnlyState as MatchState; // a query: it never writes (seat-state.test.ts)
  for (const r of ctx.rivalsOf[actor] ?? []) if (hasPresence(ctx, state, r, region)) return r;
  return null;
}

export function isFrozen(state: MatchState, a: string, b: string): boolean {
  return getTie(state, a, b)?.frozenBy != null;
}
