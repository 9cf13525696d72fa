import { type Ctx, ctxOf } from './ctx.ts';
import type { EngineEvent } from './events/types.ts';
import { seedToState, shuffle } from './rng.ts';
import { startRound } from './round.ts';
import { RULES, RULES_VERSION } from './rules.ts';
import { unsupportedRulesVersion } from './rules-version.ts';
import {
  type Scenario,
  type Settings,
  type SettingsInput,
  SettingsSchema,
} from './scenario/schema.ts';
import type { ActorState, MatchState, ResolvedSettings } from './state.ts';
import { adjacencyOf, autonomyCap, ensureTie } from './ties.ts';
import { emit, type Tx } from './tx.ts';
import { levelOf } from './vocabulary.ts';

export type CreateResult =
  | { ok: true; state: MatchState; events: EngineEvent[] }
  | { ok: false; error: string };

/** Checks the host's choice of seats against the scenario's seat rules (docs/rules.md §2). */
export function checkSeats(scenario: Scenario, seats: string[]): string | null {
  const rules = scenario.seats;
  for (const id of rules.required)
    if (!seats.includes(id)) return `The seat "${id}" must always be in play in ${scenario.title}.`;
  const optional = seats.filter((s) => !rules.required.includes(s));
  for (const id of optional)
    if (!rules.optional.includes(id)) return `"${id}" is not a seat of ${scenario.title}.`;
  if (new Set(seats).size !== seats.length) return 'A seat is listed twice.';
  if (optional.length < rules.minOptional || optional.length > rules.maxOptional)
    return `Choose between ${rules.minOptional} and ${rules.maxOptional} optional seats (got ${optional.length}).`;
  return null;
}

/**
 * Settings checked against their schema. Well-formed settings (the common
 * case, and every bot rollout) skip zod; anything else goes through it for
 * the error message.
 */
function parseSettings(input: SettingsInput): Settings | string {
  const keys = Object.keys(input);
  const wellFormed =
    keys.every((k) => k === 'rounds' || k === 'seats' || k === 'pace' || k === 'preset') &&
    (input.rounds === undefined ||
      (Number.isInteger(input.rounds) && input.rounds >= 1 && input.rounds <= 16)) &&
    (input.seats === undefined ||
      (Array.isArray(input.seats) &&
        input.seats.length > 0 &&
        input.seats.every((x) => typeof x === 'string' && /^[a-z][a-z0-9-]*$/.test(x)))) &&
    (input.pace === undefined || input.pace === 'quick' || input.pace === 'full') &&
    (input.preset === undefined || input.preset === 'standard' || input.preset === 'class');
  if (wellFormed)
    return { ...input, pace: input.pace ?? 'quick', preset: input.preset ?? 'standard' };
  const parsed = SettingsSchema.safeParse(input);
  if (parsed.success) return parsed.data;
  return `Settings are not valid: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`;
}

function resolveSettings(scenario: Scenario, input: SettingsInput): ResolvedSettings | string {
  const s = parseSettings(input);
  if (typeof s === 'string') return s;
  const isClass = s.preset === 'class';
  const rounds =
    s.rounds ??
    (isClass
      ? Math.max(scenario.rounds.min, Math.min(RULES.classPreset.rounds, scenario.rounds.max))
      : scenario.rounds.default);
  if (rounds < scenario.rounds.min || rounds > scenario.rounds.max)
    return `${scenario.title} plays ${scenario.rounds.min} to ${scenario.rounds.max} rounds (got ${rounds}).`;
  const ap = scenario.rules.actionPoints;
  return {
    rounds,
    pace: s.pace,
    preset: s.preset,
    actionPoints: isClass
      ? {
          greatPower: Math.max(1, ap.greatPower - RULES.classPreset.actionPointsLess),
          globalSouth: Math.max(1, ap.globalSouth - RULES.classPreset.actionPointsLess),
        }
      : { ...ap },
    treatyNotice: isClass
      ? Math.min(RULES.classPreset.treatyNotice, scenario.rules.treatyNotice)
      : scenario.rules.treatyNotice,
  };
}

function newActor(ctx: Ctx, id: string, seat: boolean): ActorState {
  const def = ctx.actor[id]!;
  const influence: Record<string, number> = {};
  for (const r of ctx.regionIds) influence[r] = def.influence[r] ?? 0;
  return {
    id,
    seat,
    ...def.start,
    cohesion: def.cohesion?.start ?? -1,
    income: def.income,
    influence,
    deployed: {},
    committed: {},
    locked: [],
    entangled: 0,
    entangledBy: null,
    roundsEntangled: 0,
    grievances: {},
    favours: {},
    secondary: 0,
    isolated: false,
    freeVeto: false,
    objective: null,
    hand: [],
    lastPrepared: -99,
    startWealth: def.start.wealth,
    stats: {
      honoured: 0,
      treatyHonoured: 0,
      hedged: 0,
      quiet: 0,
      abandoned: 0,
      entrapped: 0,
      abandonedBy: 0,
      honouredForMe: 0,
      offersSent: 0,
      offersAccepted: 0,
      newTreaties: 0,
      mediations: 0,
      defusals: 0,
      scaledBack: 0,
    },
  };
}

/**
 * A new match at the Briefing of round 1: the scenario's starting world, the
 * seats in play, secret objectives and hands dealt and the deck shuffled by
 * the seed. The same scenario, settings and seed always give the same state.
 * `rulesVersion` is the version the match plays under (an old file's, when
 * replaying it); every rule reads it through `rulesAtLeast`.
 */
export function createMatch(
  scenario: Scenario,
  settingsInput: SettingsInput,
  seed: string,
  rulesVersion: number = RULES_VERSION,
): CreateResult {
  const versionError = unsupportedRulesVersion(rulesVersion);
  if (versionError) return { ok: false, error: `This engine cannot play ${versionError}` };
  const ctx = ctxOf(scenario);
  const settings = resolveSettings(scenario, settingsInput);
  if (typeof settings === 'string') return { ok: false, error: settings };
  const seats = settingsInput.seats ?? [
    ...scenario.seats.required,
    ...scenario.seats.optional.slice(0, scenario.seats.maxOptional),
  ];
  const seatError = checkSeats(scenario, seats);
  if (seatError) return { ok: false, error: seatError };
  const seatOrder = ctx.actorIds.filter((id) => seats.includes(id));

  const state: MatchState = {
    rulesVersion,
    scenarioId: scenario.id,
    settings,
    round: 1,
    phase: 'news',
    step: 0,
    tension: scenario.tension,
    rng: seedToState(seed),
    seats: seatOrder,
    actors: {},
    ties: {},
    blocs: {},
    deck: [],
    discard: [],
    crises: [],
    offers: [],
    invitations: [],
    sanctions: [],
    pledges: [],
    drafts: {},
    prepared: [],
    tensionCharged: {},
    account: [],
    nextId: 0,
    ending: null,
    warMakers: [],
  };
  for (const id of ctx.actorIds) state.actors[id] = newActor(ctx, id, seatOrder.includes(id));
  for (const t of scenario.ties) {
    const tie = ensureTie(state, t.a, t.b);
    tie.level = levelOf(t.level);
    tie.riders = t.riders.map((rider) => ({ rider, from: t.a, level: tie.level }));
  }
  for (const inst of scenario.institutions) state.blocs[inst.id] = [...inst.members];
  const adjacency = adjacencyOf(state);
  for (const id of ctx.actorIds) {
    const a = state.actors[id]!;
    a.autonomy = Math.min(a.autonomy, autonomyCap(ctx, state, id, adjacency));
  }

  state.deck = shuffle(state, [...ctx.deckCards]);
  const dealt = new Set<string>();
  for (const id of seatOrder) {
    const a = state.actors[id]!;
    const kind = ctx.actor[id]!.kind;
    const pool = scenario.objectives.filter(
      (o) => !dealt.has(o.id) && (o.for === 'any' || o.for === kind),
    );
    const pick = shuffle(
      state,
      pool.map((o) => o.id),
    )[0];
    if (pick) {
      a.objective = pick;
      dealt.add(pick);
    }
    const lever = ctx.actor[id]!.seat?.lever;
    if (lever?.kind === 'holdsCards')
      a.hand = shuffle(state, [...lever.cards]).slice(0, lever.handSize);
  }
  const tx: Tx = { ctx, state, events: [] };
  emit(tx, {
    type: 'matchStarted',
    actors: seatOrder,
    amounts: { rounds: settings.rounds, tension: state.tension },
  });
  startRound(tx, 1);
  return { ok: true, state, events: tx.events };
}
