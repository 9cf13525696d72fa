import { effectivePower, severityAfterDeterrence, unlockedPower } from '../crisis.ts';
import { isGreatPower } from '../ctx.ts';
import { chance, rollD6 } from '../rng.ts';
import { RULES } from '../rules.ts';
import type { Answer, CallState, CrisisState, Side } from '../state.ts';
import { lowerTension, raiseTension } from '../tension.ts';
import { type Adjacency, adjacencyOf, ensureTie, getTie, tieKey } from '../ties.ts';
import { emit, type Tx } from '../tx.ts';
import { abandon } from './abandonment.ts';
import { answerSide, callerOn, hedgeCost, npcAnswer, timeoutAnswer } from './answers.ts';
import { addInfluence } from './presence.ts';
import { countVotes } from './votes.ts';

/** What step 4 learns for step 5: quiet support exposed and aid added to sides. */
export interface CrisisContext {
  exposed: Set<string>;
  /** crisis uid → side → bonus from aid. */
  aidBonus: Record<string, Record<Side, number>>;
}

const liveCrises = (tx: Tx) =>
  tx.state.crises.filter((c) => c.live && tx.ctx.card[c.card]!.kind === 'crisis');

/** Step 3: mediation lowers severities (at most 2 per crisis), and SCO consultations among members. */
export function applyMediation(tx: Tx): void {
  const { ctx, state } = tx;
  for (const seat of state.seats) {
    for (const order of state.drafts[seat]!.orders) {
      if (order.kind !== 'mediate') continue;
      const crisis = state.crises.find((c) => c.uid === order.crisis && c.live);
      if (!crisis || crisis.mediation >= RULES.mediationCap) continue;
      crisis.mediation = Math.min(RULES.mediationCap, crisis.mediation + RULES.mediationStep);
      crisis.mediators.push(seat);
      state.actors[seat]!.stats.mediations++;
      emit(tx, {
        type: 'mediated',
        actors: [seat, ...crisis.parties],
        crisis: crisis.uid,
        card: crisis.card,
        region: crisis.region,
        concept: 'mediation',
      });
    }
  }
  for (const crisis of liveCrises(tx)) {
    const consult = Object.keys(state.blocs).find((id) => {
      const inst = ctx.institution[id];
      if (inst?.kind !== 'coordination') return false;
      if (crisis.blocInvited === id) return true;
      return (
        crisis.parties.length >= 2 && crisis.parties.every((p) => state.blocs[id]!.includes(p))
      );
    });
    if (consult && crisis.mediation < RULES.mediationCap) {
      crisis.mediation = Math.min(RULES.mediationCap, crisis.mediation + RULES.mediationStep);
      emit(tx, {
        type: 'mediated',
        actors: [...crisis.parties],
        crisis: crisis.uid,
        card: crisis.card,
        region: crisis.region,
        detail: { bloc: consult },
        concept: 'institutions',
      });
    }
  }
}

/** Step 4: votes are counted, Press or Hold settled, investigations rolled, aid to parties added to their side. */
export function settleDecisions(tx: Tx): CrisisContext {
  const { ctx, state } = tx;
  const out: CrisisContext = { exposed: new Set(), aidBonus: {} };
  for (const crisis of state.crises) {
    if (!crisis.live) continue;
    if (ctx.card[crisis.card]!.kind === 'vote') {
      countVotes(tx, crisis);
      endCrisis(tx, crisis);
      continue;
    }
    const inst = crisis.instigator;
    if (!inst) continue;
    if (!state.seats.includes(inst)) {
      const npc = ctx.actor[inst]!.npc;
      const press = chance(state, npc.pressChance);
      crisis.press = {
        press,
        power: press ? Math.min(npc.pressPower, unlockedPower(state, inst)) : 0,
      };
    }
    crisis.press ??= { press: false, power: 0 };
    if (crisis.press.press) {
      emit(tx, {
        type: 'pressed',
        actors: [inst, ...(crisis.target ? [crisis.target] : [])],
        crisis: crisis.uid,
        card: crisis.card,
        region: crisis.region,
        amounts: { power: crisis.press.power },
      });
      raiseTension(tx, [inst], 'a pressed crisis', crisis.uid);
      for (const g of ctx.card[crisis.card]!.grievancesOnPress) operationGrievance(tx, crisis, g);
    } else
      emit(tx, {
        type: 'held',
        actors: [inst],
        crisis: crisis.uid,
        card: crisis.card,
        region: crisis.region,
      });
  }
  for (const seat of state.seats) {
    for (const order of state.drafts[seat]!.orders) {
      if (order.kind === 'investigate') {
        const found = chance(state, RULES.investigateChance);
        const quiet = state.crises.filter(
          (c) => c.live && c.answers[order.target]?.kind === 'quiet',
        );
        if (found && quiet.length > 0) out.exposed.add(order.target);
        emit(tx, {
          type: 'investigation',
          actors: [seat, order.target],
          detail: { result: found && quiet.length > 0 ? 'exposed' : 'nothing found' },
          visibleTo: [seat],
        });
      } else if (order.kind === 'aid') {
        const crisis = state.crises.find(
          (c) => c.live && c.parties.includes(order.to) && ctx.card[c.card]!.kind === 'crisis',
        );
        if (!crisis) continue;
        const side: Side = crisis.instigator === order.to ? 'attack' : 'defence';
        let bonus = Math.floor(order.amount / RULES.aidWealthPerPoint);
        // The mirrored two-front dilemma: a great power's aid to a great power at war in the Cohesion holder's home theatre.
        const holder = ctx.cohesionHolder ? ctx.actor[ctx.cohesionHolder]!.cohesion! : null;
        if (
          holder &&
          isGreatPower(ctx, seat) &&
          isGreatPower(ctx, order.to) &&
          ctx.theatreOf[crisis.region] === holder.homeTheatre
        )
          bonus += RULES.twoFrontAidBonus;
        out.aidBonus[crisis.uid] ??= { attack: 0, defence: 0 };
        out.aidBonus[crisis.uid]![side] += bonus;
      }
    }
  }
  return out;
}

/**
 * A pressed operation wounds a bystander (the 1999 embassy bombing): it holds
 * a grievance against the one it blames, and their tie cannot rise for a while.
 */
function operationGrievance(
  tx: Tx,
  crisis: CrisisState,
  g: { holder: string; against: string },
): void {
  const { state } = tx;
  const holder = state.actors[g.holder]!;
  holder.grievances[g.against] = (holder.grievances[g.against] ?? 0) + 1;
  const tie = ensureTie(state, g.holder, g.against);
  tie.noRiseBefore = Math.max(tie.noRiseBefore, state.round + 1 + RULES.grievanceNoRise);
  emit(tx, {
    type: 'grievance',
    actors: [g.holder, g.against],
    crisis: crisis.uid,
    card: crisis.card,
    region: crisis.region,
    amounts: { noRiseRounds: RULES.grievanceNoRise },
    detail: {
      reason: `${tx.ctx.card[crisis.card]!.title}; their tie cannot rise for ${RULES.grievanceNoRise} rounds`,
    },
  });
}

interface Commitment {
  actor: string;
  call: CallState;
  answer: Answer;
  side: Side;
  /** Contribution to the side's total. */
  value: number;
  honoured: boolean;
}

function answerFor(tx: Tx, crisis: CrisisState, call: CallState): Answer {
  const { state } = tx;
  if (!state.seats.includes(call.actor)) return npcAnswer(state, call);
  return crisis.answers[call.actor] ?? timeoutAnswer(state, crisis, call);
}

/** Step 5: each crisis resolves in card order (docs/rules.md §7.7, §7.10). */
export function resolveCrises(tx: Tx, cc: CrisisContext): void {
  // Ties change during this step only through abandonment: one adjacency serves until one happens.
  let adjacency: Adjacency | undefined;
  let abandonments = 0;
  for (const crisis of liveCrises(tx)) {
    const seen = tx.events.filter((e) => e.type === 'abandonment').length;
    if (!adjacency || seen !== abandonments) {
      adjacency = adjacencyOf(tx.state);
      abandonments = seen;
    }
    resolveCrisis(tx, crisis, cc, adjacency);
    if (tx.state.tension >= RULES.maxTension) return;
  }
}

function resolveCrisis(tx: Tx, crisis: CrisisState, cc: CrisisContext, adjacency: Adjacency): void {
  const { ctx, state } = tx;
  const pressed = crisis.press?.press === true;
  const hold = crisis.instigator !== null && !pressed ? RULES.holdReduction : 0;
  if (crisis.severity - crisis.mediation - hold <= 0) {
    defuse(tx, crisis);
    return;
  }
  const commitments: Commitment[] = [];
  for (const call of crisis.calls) {
    const answer = answerFor(tx, crisis, call);
    const side = answerSide(call, answer);
    const caller = callerOn(call, side);
    const a = state.actors[call.actor]!;
    let honoured = false;
    let value = 0;
    const conditionalKept = answer.kind === 'honourIfPressed' && !pressed;
    if ((answer.kind === 'honour' || answer.kind === 'honourIfPressed') && !conditionalKept) {
      const power = Math.min(
        answer.power,
        Math.max(0, unlockedPower(state, call.actor) - committedTotal(tx, call.actor)),
      );
      const wealth = Math.min(answer.wealth, a.wealth);
      if (power < RULES.honour.minPower && wealth < RULES.honour.minWealth)
        hollowHonour(tx, crisis, call, caller.party);
      else {
        honoured = true;
        a.wealth -= wealth;
        a.committed[crisis.uid] = power;
        value =
          effectivePower(ctx, state, call.actor, power, crisis.region) +
          Math.floor(wealth / RULES.honour.wealthPerPoint);
        honour(tx, crisis, call, caller.party, power, wealth);
      }
    } else if (conditionalKept && call.treaty) {
      honour(tx, crisis, call, caller.party, 0, 0);
    } else if (answer.kind === 'quiet') {
      a.wealth = Math.max(0, a.wealth - RULES.quiet.wealth);
      a.stats.quiet++;
      value = RULES.quiet.value;
      if (cc.exposed.has(call.actor)) exposeQuiet(tx, crisis, call.actor, caller.party);
    } else if (answer.kind === 'hedge') hedge(tx, crisis, call);
    else if (answer.kind === 'abandon')
      abandon(tx, call.actor, caller.party, crisis.uid, crisis.card);
    commitments.push({ actor: call.actor, call, answer, side, value, honoured });
  }
  const sum = (side: Side) =>
    commitments.filter((c) => c.side === side).reduce((s, c) => s + c.value, 0) +
    (cc.aidBonus[crisis.uid]?.[side] ?? 0);
  const honourers = commitments.filter((c) => c.honoured);

  let outcome: 'won' | 'held' | 'stalemate' | 'success' | 'failure';
  if (crisis.instigator) {
    const eff = Math.max(
      1,
      severityAfterDeterrence(ctx, state, crisis, true, adjacency) - crisis.mediation - hold,
    );
    const inst = crisis.instigator;
    const pressPower = pressed ? Math.min(crisis.press!.power, unlockedPower(state, inst)) : 0;
    if (pressed) state.actors[inst]!.committed[crisis.uid] = pressPower;
    const attackRoll = rollD6(state);
    const defenceRoll = rollD6(state);
    const attack =
      eff +
      effectivePower(ctx, state, inst, pressPower, crisis.region) +
      sum('attack') +
      attackRoll;
    let home = 0;
    for (const d of defenders(tx, crisis)) home += defenderPower(tx, d, crisis.region);
    const defence = home + sum('defence') + defenceRoll;
    outcome =
      attack > defence + RULES.winMargin
        ? 'won'
        : defence > attack + RULES.winMargin
          ? 'held'
          : 'stalemate';
    const amounts = { attack, defence, severity: eff, attackRoll, defenceRoll };
    if (outcome === 'won') {
      for (const d of defenders(tx, crisis)) {
        const t = state.actors[d]!;
        t.security = Math.max(0, t.security - RULES.crisisWon.defenderSecurity);
        addInfluence(tx, d, crisis.region, -RULES.crisisWon.defenderInfluence);
      }
      if (pressed) addInfluence(tx, inst, crisis.region, RULES.crisisWon.pressInfluence);
      emit(tx, {
        type: 'crisisWon',
        actors: [inst, ...defenders(tx, crisis)],
        crisis: crisis.uid,
        card: crisis.card,
        region: crisis.region,
        amounts,
      });
    } else if (outcome === 'held') {
      if (pressed)
        state.actors[inst]!.reputation = Math.max(
          0,
          state.actors[inst]!.reputation - RULES.heldPressReputation,
        );
      emit(tx, {
        type: 'crisisHeld',
        actors: [...defenders(tx, crisis), inst],
        crisis: crisis.uid,
        card: crisis.card,
        region: crisis.region,
        amounts,
      });
    } else {
      emit(tx, {
        type: 'stalemate',
        actors: crisis.parties,
        crisis: crisis.uid,
        card: crisis.card,
        region: crisis.region,
        amounts,
        concept: 'protractedWar',
      });
      const chargeable = [
        inst,
        ...honourers.map((h) => h.actor).filter((a) => isGreatPower(ctx, a)),
      ];
      raiseTension(tx, chargeable, 'a stalemate', crisis.uid);
    }
  } else {
    const roll = rollD6(state);
    let total = sum('defence') + sum('attack');
    for (const p of crisis.parties) total += state.actors[p]!.deployed[crisis.region] ?? 0;
    const need = Math.max(1, crisis.severity - crisis.mediation) + roll - RULES.sharedCrisisOffset;
    outcome = total >= need ? 'success' : 'failure';
    if (outcome === 'success') {
      for (const h of honourers) {
        const a = state.actors[h.actor]!;
        a.reputation = Math.min(RULES.trackMax, a.reputation + RULES.sharedSuccess.reputation);
        addInfluence(tx, h.actor, crisis.region, RULES.sharedSuccess.influence);
      }
    } else
      for (const p of crisis.parties)
        state.actors[p]!.security = Math.max(
          0,
          state.actors[p]!.security - RULES.sharedFailureSecurity,
        );
    emit(tx, {
      type: outcome === 'success' ? 'sharedSuccess' : 'sharedFailure',
      actors: [...crisis.parties, ...honourers.map((h) => h.actor)],
      crisis: crisis.uid,
      card: crisis.card,
      region: crisis.region,
      amounts: { total, need, roll },
    });
  }

  // Entrapment: honouring where one's own stake is low (docs/rules.md §7.10).
  const entrapped = new Set<string>();
  for (const h of honourers) {
    if (h.call.stake !== 'low') continue;
    entrap(tx, crisis, h.call, callerOn(h.call, h.side));
    entrapped.add(h.actor);
  }
  lockCommitted(tx, crisis, outcome === 'stalemate', entrapped);
  if (outcome === 'stalemate') {
    crisis.stalemates++;
    crisis.severity = Math.max(0, crisis.severity - 1);
  } else endCrisis(tx, crisis);
}

/** Power committed to crises of this round that are not yet locked (a resolved crisis's Power is in `locked`). */
function committedTotal(tx: Tx, actor: string): number {
  const c = tx.state.actors[actor]!.committed;
  let n = 0;
  for (const k in c) n += c[k]!;
  return n;
}

/** The actors defending: the target, or for a crisis without one the actors at home in its region. */
function defenders(tx: Tx, crisis: CrisisState): string[] {
  if (crisis.target) return [crisis.target];
  return (tx.ctx.homeActors[crisis.region] ?? []).filter((a) => a !== crisis.instigator);
}

/** A defender's own Power there: what it deployed, plus its reserve when the region is its home. */
function defenderPower(tx: Tx, actor: string, region: string): number {
  const { ctx, state } = tx;
  const a = state.actors[actor]!;
  let power = a.deployed[region] ?? 0;
  if (ctx.actor[actor]?.home === region) {
    let deployed = 0;
    for (const r in a.deployed) deployed += a.deployed[r]!;
    power += Math.max(0, unlockedPower(state, actor) - deployed - committedTotal(tx, actor));
  }
  return effectivePower(ctx, state, actor, power, region);
}

/**
 * An honour that cannot commit its minimum (1 Power or 2 Wealth) by the time
 * its crisis resolves: nothing is spent and it earns nothing, no Reputation
 * and no favour, since the party got no help.
 */
function hollowHonour(tx: Tx, crisis: CrisisState, call: CallState, party: string): void {
  emit(tx, {
    type: 'callHollow',
    actors: [call.actor, party],
    crisis: crisis.uid,
    card: crisis.card,
    region: crisis.region,
    detail: { treaty: call.treaty ? 'yes' : 'no' },
  });
}

function honour(
  tx: Tx,
  crisis: CrisisState,
  call: CallState,
  party: string,
  power: number,
  wealth: number,
): void {
  const { ctx, state } = tx;
  const a = state.actors[call.actor]!;
  a.reputation = Math.min(RULES.trackMax, a.reputation + RULES.honour.reputation);
  a.stats.honoured++;
  if (call.treaty) a.stats.treatyHonoured++;
  a.favours[party] = (a.favours[party] ?? 0) + 1;
  state.actors[party]!.stats.honouredForMe++;
  emit(tx, {
    type: 'callHonoured',
    actors: [call.actor, party],
    crisis: crisis.uid,
    card: crisis.card,
    region: crisis.region,
    amounts: { power, wealth },
    detail: { treaty: call.treaty ? 'yes' : 'no' },
  });
  emit(tx, { type: 'favourEarned', actors: [call.actor, party], crisis: crisis.uid });
  if (ctx.actor[call.actor]?.cohesion?.europeanAllies.includes(party)) {
    a.cohesion = Math.min(RULES.trackMax, a.cohesion + RULES.cohesion.honour);
    emit(tx, {
      type: 'cohesion',
      actors: [call.actor, party],
      amounts: { change: RULES.cohesion.honour, cohesion: a.cohesion },
    });
  }
  if (state.sanctions.some((s) => s.target === party)) secondary(tx, call.actor, party, crisis);
}

function secondary(tx: Tx, actor: string, party: string, crisis: CrisisState): void {
  const a = tx.state.actors[actor]!;
  a.secondary = RULES.secondaryRounds;
  emit(tx, {
    type: 'secondarySanctions',
    actors: [actor, party],
    crisis: crisis.uid,
    amounts: { income: -RULES.secondaryLoss, rounds: RULES.secondaryRounds },
    concept: 'secondarySanctions',
  });
}

function exposeQuiet(tx: Tx, crisis: CrisisState, actor: string, party: string): void {
  const a = tx.state.actors[actor]!;
  a.reputation = Math.max(0, a.reputation - RULES.quiet.exposedReputation);
  emit(tx, {
    type: 'quietExposed',
    actors: [actor, party],
    crisis: crisis.uid,
    card: crisis.card,
    amounts: { reputation: -RULES.quiet.exposedReputation },
    concept: 'secondarySanctions',
  });
  if (tx.state.sanctions.some((s) => s.target === party)) secondary(tx, actor, party, crisis);
}

function hedge(tx: Tx, crisis: CrisisState, call: CallState): void {
  const a = tx.state.actors[call.actor]!;
  a.stats.hedged++;
  const cost = hedgeCost(call).reputation;
  a.reputation = Math.max(0, a.reputation - cost);
  emit(tx, {
    type: 'callHedged',
    actors: [call.actor, ...call.callers.map((c) => c.party)],
    crisis: crisis.uid,
    card: crisis.card,
    // Never −0: a JSON copy of the event (a replay's) would read it back as 0.
    amounts: { reputation: cost > 0 ? -cost : 0 },
    ...(call.asked ? { detail: { asked: 'yes' } } : {}),
  });
  if (call.side === 'either' && cost > 0)
    emit(tx, {
      type: 'crossPressure',
      actors: [call.actor, ...call.callers.map((c) => c.party)],
      crisis: crisis.uid,
      amounts: { reputation: -cost },
    });
}

function entrap(
  tx: Tx,
  crisis: CrisisState,
  call: CallState,
  caller: CallState['callers'][number],
): void {
  const { ctx, state } = tx;
  const party = caller.party;
  const a = state.actors[call.actor]!;
  a.autonomy = Math.max(0, a.autonomy - RULES.entrapmentAutonomy);
  a.entangled = RULES.entangledRounds;
  a.entangledBy = tieKey(call.actor, party);
  a.stats.entrapped++;
  emit(tx, {
    type: 'entrapment',
    actors: [call.actor, party],
    crisis: crisis.uid,
    card: crisis.card,
    region: crisis.region,
    amounts: {
      autonomy: -RULES.entrapmentAutonomy,
      lockedRounds: RULES.entrapmentLock,
      entangledRounds: RULES.entangledRounds,
      power: a.committed[crisis.uid] ?? 0,
    },
    detail: { via: caller.bloc ?? 'tie', level: String(caller.level) },
    concept: 'entrapment',
  });
  if (isGreatPower(ctx, call.actor))
    raiseTension(tx, [call.actor], 'a great power entrapped', crisis.uid);
}

/** Committed Power is locked 1 round (2 when entrapped); a stalemate keeps it locked while the crisis lives. */
function lockCommitted(
  tx: Tx,
  crisis: CrisisState,
  stalemate: boolean,
  entrappedActors: Set<string>,
): void {
  const { state } = tx;
  for (const id in state.actors) {
    const a = state.actors[id]!;
    const amount = a.committed[crisis.uid] ?? 0;
    if (amount <= 0) continue;
    const entrapped = entrappedActors.has(id);
    // The Power moves from committed to locked, so a later crisis of the round counts it once.
    delete a.committed[crisis.uid];
    if (stalemate) {
      a.locked.push({ amount, rounds: -1, crisis: crisis.uid, since: state.round });
      crisis.stuck[id] = (crisis.stuck[id] ?? 0) + amount;
    } else
      a.locked.push({
        amount,
        rounds: entrapped ? RULES.entrapmentLock : RULES.commitLock,
        crisis: null,
        since: state.round,
      });
  }
}

function defuse(tx: Tx, crisis: CrisisState): void {
  const { state } = tx;
  for (const m of crisis.mediators) {
    const a = state.actors[m]!;
    a.reputation = Math.min(RULES.trackMax, a.reputation + RULES.defuse.reputation);
    a.stats.defusals++;
    addInfluence(tx, m, crisis.region, RULES.defuse.influence);
  }
  emit(tx, {
    type: 'crisisDefused',
    actors: [...crisis.mediators, ...crisis.parties],
    crisis: crisis.uid,
    card: crisis.card,
    region: crisis.region,
    concept: crisis.mediators.length > 0 ? 'mediation' : 'deterrence',
  });
  lowerTension(tx, 'a defused crisis');
  endCrisis(tx, crisis);
}

/** A crisis leaves play: its ties thaw, stalemate locks become ordinary one-round locks, its card is discarded. */
function endCrisis(tx: Tx, crisis: CrisisState): void {
  const { ctx, state } = tx;
  crisis.live = false;
  // The ties this crisis froze are exactly those between the called and their callers.
  for (const call of crisis.calls)
    for (const caller of call.callers) {
      const tie = getTie(state, call.actor, caller.party);
      if (tie?.frozenBy === crisis.uid) tie.frozenBy = null;
    }
  for (const id in crisis.stuck) {
    for (const l of state.actors[id]!.locked) {
      if (l.crisis === crisis.uid) {
        l.crisis = null;
        l.rounds = RULES.commitLock;
        l.since = state.round;
      }
    }
  }
  const card = ctx.card[crisis.card]!;
  if (!card.holder && !ctx.scripted.has(card.id)) state.discard.push(card.id);
}
