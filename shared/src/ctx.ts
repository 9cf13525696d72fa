import { RULES } from './rules.ts';
import type {
  ActorDef,
  CardDef,
  InstitutionDef,
  ObjectiveDef,
  RegionDef,
  Scenario,
} from './scenario/schema.ts';

/**
 * A scenario indexed for the engine's hot path: lookups by id instead of
 * array scans. Built once per scenario object and cached.
 */
export interface Ctx {
  scenario: Scenario;
  actor: Record<string, ActorDef>;
  region: Record<string, RegionDef>;
  card: Record<string, CardDef>;
  institution: Record<string, InstitutionDef>;
  objective: Record<string, ObjectiveDef>;
  actorIds: string[];
  regionIds: string[];
  /** `a|b` for each rival pair, both orders. */
  rivals: Set<string>;
  rivalsOf: Record<string, string[]>;
  theatreOf: Record<string, string>;
  /** Region → actors whose home it is. */
  homeActors: Record<string, string[]>;
  /** The council's members that are actors (permanent first); members no actor stands for are in the scenario. */
  councilMembers: string[];
  /** Actors with a permanent seat: the only ones that may veto. */
  permanentMembers: Set<string>;
  /** Yes votes a mandate needs. */
  councilYes: number;
  /** Cards that a scenario's script reveals (never discarded into the deck). */
  scripted: Set<string>;
  /** The scenario's cards of its eras, in file order. */
  eraCards: CardDef[];
  /** The cards the deck is dealt from: of the scenario's eras, not held in a hand, not scripted. */
  deckCards: string[];
  cohesionHolder: string | null;
}

const cache = new WeakMap<Scenario, Ctx>();

export function ctxOf(scenario: Scenario): Ctx {
  const hit = cache.get(scenario);
  if (hit) return hit;
  const byId = <T extends { id: string }>(items: T[]) =>
    Object.fromEntries(items.map((x) => [x.id, x])) as Record<string, T>;
  const rivals = new Set<string>();
  for (const [a, b] of scenario.rivals) {
    rivals.add(`${a}|${b}`);
    rivals.add(`${b}|${a}`);
  }
  const rivalsOf: Record<string, string[]> = {};
  for (const a of scenario.actors) rivalsOf[a.id] = [];
  for (const [a, b] of scenario.rivals) {
    rivalsOf[a]?.push(b);
    rivalsOf[b]?.push(a);
  }
  const scripted = new Set(Object.values(scenario.scriptedCards).flat());
  const eraCards = scenario.cards.filter((c) => c.eras.some((e) => scenario.eras.includes(e)));
  const homeActors: Record<string, string[]> = {};
  for (const r of scenario.regions) homeActors[r.id] = [];
  for (const a of scenario.actors) homeActors[a.home]?.push(a.id);
  const ctx: Ctx = {
    scenario,
    actor: byId(scenario.actors),
    region: byId(scenario.regions),
    card: byId(scenario.cards),
    institution: byId(scenario.institutions),
    objective: byId(scenario.objectives),
    actorIds: scenario.actors.map((a) => a.id),
    regionIds: scenario.regions.map((r) => r.id),
    rivals,
    rivalsOf,
    theatreOf: Object.fromEntries(scenario.regions.map((r) => [r.id, r.theatre])),
    homeActors,
    councilMembers: [...scenario.securityCouncil.permanent, ...scenario.securityCouncil.elected],
    permanentMembers: new Set(scenario.securityCouncil.permanent),
    councilYes: scenario.securityCouncil.yesNeeded ?? RULES.councilYes,
    scripted,
    eraCards,
    deckCards: eraCards.filter((c) => !c.holder && !scripted.has(c.id)).map((c) => c.id),
    cohesionHolder: scenario.actors.find((a) => a.cohesion)?.id ?? null,
  };
  cache.set(scenario, ctx);
  return ctx;
}

export function isGreatPower(ctx: Ctx, id: string): boolean {
  return ctx.actor[id]?.kind === 'greatPower';
}

export function areRivals(ctx: Ctx, a: string, b: string): boolean {
  return ctx.rivals.has(`${a}|${b}`);
}

/** Whether `seat` may veto in the Security Council: only a permanent member may (Charter, Article 27). */
export function canVeto(ctx: Ctx, seat: string): boolean {
  return ctx.permanentMembers.has(seat);
}
