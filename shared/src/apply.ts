import { defaultCommands } from './commands/defaults.ts';
import { nextPhase } from './commands/phases.ts';
import type { Problem } from './commands/problem.ts';
import type { Command, SeatCommand } from './commands/schema.ts';
import { commandRefusal } from './commands/validate.ts';
import { stakeOf } from './crisis.ts';
import { ctxOf } from './ctx.ts';
import type { EngineEvent } from './events/types.ts';
import { finish, resolveRound } from './resolve/index.ts';
import { seedToState } from './rng.ts';
import { revealCard, startRound } from './round.ts';
import type { Scenario } from './scenario/schema.ts';
import type { MatchState } from './state.ts';
import { ensureTie } from './ties.ts';
import { emit, newId, type Tx } from './tx.ts';

/**
 * A refusal carries the engine's sentence (`error`) and, from applyCommand
 * always, the same as a code with parameters (`problem`); a caller that
 * failed for its own reasons (a replay that threw) has no problem to give.
 */
export type ApplyResult =
  | { ok: true; events: EngineEvent[] }
  | { ok: false; error: string; problem?: Problem };

/**
 * Applies one command to the state, in place, and returns what happened. An
 * illegal command changes nothing and comes back with the reason. Callers
 * that need the earlier state keep a copy (cloneState) or replay the log.
 */
export function applyCommand(scenario: Scenario, state: MatchState, cmd: Command): ApplyResult {
  const ctx = ctxOf(scenario);
  const problem = commandRefusal(ctx, state, cmd);
  if (problem) return { ok: false, error: problem.reason, problem };
  const tx: Tx = { ctx, state, events: [] };
  perform(tx, cmd);
  state.step++;
  return { ok: true, events: tx.events };
}

function perform(tx: Tx, cmd: Command): void {
  const { state } = tx;
  switch (cmd.kind) {
    case 'advance':
      advance(tx);
      return;
    case 'endMatch':
      // The host ends the match: it is scored on the rounds resolved so far; the round under way is dropped.
      finish(tx, 'endedEarly');
      return;
    case 'reseed':
      // A fork whose dice are drawn afresh: every roll from here on comes from the new seed.
      state.rng = seedToState(cmd.seed);
      return;
    case 'injectCrisis':
      state.deck = state.deck.filter((c) => c !== cmd.card);
      state.discard = state.discard.filter((c) => c !== cmd.card);
      revealCard(tx, cmd.card, 'injected');
      return;
    default:
      performSeat(tx, cmd);
      return;
  }
}

function performSeat(tx: Tx, cmd: SeatCommand): void {
  const { ctx, state } = tx;
  const draft = state.drafts[cmd.seat]!;
  const crisisById = (uid: string) => state.crises.find((c) => c.uid === uid)!;
  switch (cmd.kind) {
    case 'done':
      draft.done = cmd.done;
      return;
    case 'order':
      draft.orders.push(cmd.order);
      draft.done = false;
      return;
    case 'cancelOrder':
      draft.orders.splice(cmd.index, 1);
      return;
    case 'lower':
      draft.lowers.push({
        partner: cmd.bloc ? ctx.institution[cmd.bloc]!.leader : cmd.partner,
        bloc: cmd.bloc ?? null,
      });
      return;
    case 'cancelLower':
      draft.lowers = draft.lowers.filter((l) => l.partner !== cmd.partner);
      return;
    case 'offer': {
      const id = newId(state, 'o');
      state.offers.push({
        id,
        round: state.round,
        from: cmd.seat,
        to: cmd.to,
        raise: cmd.raise,
        riders: cmd.riders,
        bloc: cmd.bloc ?? null,
        favour: cmd.favour,
        answer: null,
        withdrawn: false,
      });
      state.actors[cmd.seat]!.stats.offersSent++;
      emit(tx, {
        type: 'offerSent',
        actors: [cmd.seat, cmd.to],
        detail: { offer: id },
        visibleTo: [cmd.seat, cmd.to],
      });
      return;
    }
    case 'withdrawOffer': {
      const offer = state.offers.find((o) => o.id === cmd.offer)!;
      offer.withdrawn = true;
      emit(tx, {
        type: 'offerWithdrawn',
        actors: [offer.from, offer.to],
        detail: { offer: offer.id },
        visibleTo: [offer.from, offer.to],
      });
      return;
    }
    case 'respond': {
      const offer = state.offers.find((o) => o.id === cmd.offer)!;
      offer.answer = cmd.accept;
      return;
    }
    case 'invite': {
      const id = newId(state, 'i');
      state.invitations.push({
        id,
        round: state.round,
        kind: cmd.invitation,
        from: cmd.seat,
        invitees: cmd.invitees,
        crisis: cmd.crisis ?? null,
        bloc: cmd.bloc ?? null,
        accepted: [],
        declined: [],
      });
      emit(tx, {
        type: 'invitationSent',
        actors: [cmd.seat, ...cmd.invitees],
        ...(cmd.crisis ? { crisis: cmd.crisis } : {}),
        detail: { invitation: cmd.invitation, id, ...(cmd.bloc ? { bloc: cmd.bloc } : {}) },
      });
      if (cmd.invitation === 'bloc' && cmd.crisis && cmd.bloc) inviteBloc(tx, cmd.crisis, cmd.bloc);
      return;
    }
    case 'respondInvitation': {
      const inv = state.invitations.find((i) => i.id === cmd.invitation)!;
      inv.accepted = inv.accepted.filter((x) => x !== cmd.seat);
      inv.declined = inv.declined.filter((x) => x !== cmd.seat);
      (cmd.accept ? inv.accepted : inv.declined).push(cmd.seat);
      return;
    }
    case 'answer': {
      const crisis = crisisById(cmd.crisis);
      const call = crisis.calls.find((c) => c.actor === cmd.seat)!;
      const side = cmd.answer.side ?? (call.side === 'either' ? undefined : call.side);
      crisis.answers[cmd.seat] = { ...cmd.answer, ...(side ? { side } : {}) };
      return;
    }
    case 'instigate':
      crisisById(cmd.crisis).press = { press: cmd.press, power: cmd.press ? cmd.power : 0 };
      return;
    case 'vote':
      crisisById(cmd.crisis).votes[cmd.seat] = cmd.vote;
      return;
    case 'mandate':
      crisisById(cmd.crisis).mandate = cmd.choice;
      return;
  }
}

/** A bloc called into a crisis (the Kazakhstan lever): an alliance brings its leader in on a treaty call. */
function inviteBloc(tx: Tx, uid: string, bloc: string): void {
  const { ctx, state } = tx;
  const crisis = state.crises.find((c) => c.uid === uid)!;
  crisis.blocInvited = bloc;
  const inst = ctx.institution[bloc]!;
  if (inst.kind !== 'alliance' && inst.kind !== 'paperAlliance') return;
  const defender = crisis.target ?? crisis.parties[0];
  if (!defender || crisis.parties.includes(inst.leader)) return;
  const existing = crisis.calls.find((c) => c.actor === inst.leader);
  const caller = {
    party: defender,
    side: 'defence' as const,
    level: 4,
    via: 'bloc' as const,
    bloc,
  };
  if (existing) {
    existing.callers.push(caller);
    existing.side = existing.callers.every((c) => c.side === 'defence') ? 'defence' : 'either';
    existing.treaty = existing.side === 'defence';
    existing.asked = false;
  } else {
    const stake = stakeOf(ctx, state, inst.leader, ctx.card[crisis.card]!, crisis.region);
    crisis.calls.push({
      actor: inst.leader,
      callers: [caller],
      side: 'defence',
      treaty: true,
      asked: false,
      stake,
    });
  }
  ensureTie(state, inst.leader, defender).frozenBy ??= crisis.uid;
}

/** The phase machine: news → negotiation phase(s) → resolution → next round's news, or the end. */
function advance(tx: Tx): void {
  const { ctx, state } = tx;
  if (state.phase === 'resolution') {
    startRound(tx, state.round + 1);
    return;
  }
  const next = nextPhase(state.phase, state.settings.pace);
  if (next === 'resolution') {
    for (const seat of state.seats) {
      for (const cmd of defaultCommands(ctx, state, seat)) {
        if (!commandRefusal(ctx, state, cmd)) performSeat(tx, cmd);
      }
    }
    resolveRound(tx);
    // The round's account is read in Resolution: it ends early only once every seat says it is done.
    if (state.phase !== 'ended') for (const seat of state.seats) state.drafts[seat]!.done = false;
    return;
  }
  state.phase = next;
  for (const seat of state.seats) state.drafts[seat]!.done = false;
}

/** Whether every seat has marked itself done in this phase (the server may then advance early). */
export function allSeatsDone(state: MatchState, seats: readonly string[] = state.seats): boolean {
  return seats.every((s) => state.drafts[s]?.done);
}
