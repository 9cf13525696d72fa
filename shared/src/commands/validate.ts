import { isFrozen } from '../crisis.ts';
import { type Ctx, canVeto } from '../ctx.ts';
import { powerFits, seatPlan } from '../plan.ts';
import { RULES } from '../rules.ts';
import type { MatchState, ReadonlyState } from '../state.ts';
import { getTie, tieLevel } from '../ties.ts';
import { ALLIANCE, PARTNERSHIP, TIE_LEVELS } from '../vocabulary.ts';
import { PHASE_NAMES, seatKindsIn } from './phases.ts';
import type { Command, SeatCommand } from './schema.ts';
import { actionPointCheck, lowerProblem, orderProblem, wealthCheck } from './validate-orders.ts';

function name(ctx: Ctx, id: string): string {
  return ctx.actor[id]?.name ?? id;
}

/**
 * Why a command is illegal, in plain words for the player, or null when it is
 * legal. The server refuses with this reason, the client shows it beside a
 * disabled button and bots use it to filter their choices.
 */
export function commandProblem(
  ctx: Ctx,
  readOnlyState: ReadonlyState,
  cmd: Command,
): string | null {
  const state = readOnlyState as MatchState; // a query: it never writes (seat-state.test.ts)
  if (state.phase === 'ended') return 'The match is over.';
  if (cmd.round !== state.round || cmd.phase !== state.phase)
    return `This was written for round ${cmd.round} (${PHASE_NAMES[cmd.phase]}); the match is now in round ${state.round} (${PHASE_NAMES[state.phase]}).`;
  if (cmd.kind === 'advance' || cmd.kind === 'endMatch') return null;
  if (cmd.kind === 'injectCrisis') {
    const when = injectTimeProblem(state);
    if (when) return when;
    const card = ctx.card[cmd.card];
    if (!card) return `There is no card "${cmd.card}" in this scenario.`;
    if (card.holder) return `${card.title} is held in a hand and cannot be injected.`;
    if (!state.deck.includes(cmd.card) && !state.discard.includes(cmd.card))
      return `${card.title} is already in play.`;
    return null;
  }
  return seatCommandProblem(ctx, state, cmd);
}

/** Why the host may inject no crisis at all now (whatever the card), or null. */
export function injectTimeProblem(state: ReadonlyState): string | null {
  if (state.phase === 'ended') return 'The match is over.';
  return state.phase === 'resolution' ? 'A crisis can be injected before resolution only.' : null;
}

function seatCommandProblem(ctx: Ctx, state: MatchState, cmd: SeatCommand): string | null {
  const seat = cmd.seat;
  if (!state.seats.includes(seat)) return `"${seat}" is not a seat in this match.`;
  if (!seatKindsIn(state.phase, state.settings.pace).includes(cmd.kind))
    return `That cannot be done during ${PHASE_NAMES[state.phase]}.`;
  const draft = state.drafts[seat]!;
  switch (cmd.kind) {
    case 'done':
      return null;
    case 'order':
      return orderProblem(ctx, state, seat, cmd.order);
    case 'cancelOrder':
      return cmd.index < draft.orders.length ? null : 'There is no such order in your draft.';
    case 'lower':
      return lowerProblem(ctx, state, seat, cmd.partner, cmd.bloc);
    case 'cancelLower':
      return draft.lowers.some((l) => l.partner === cmd.partner)
        ? null
        : 'You are not lowering that tie.';
    case 'offer':
      return offerProblem(ctx, state, cmd);
    case 'withdrawOffer': {
      const offer = state.offers.find((o) => o.id === cmd.offer);
      if (!offer || offer.from !== seat) return 'You have no such offer.';
      return offer.withdrawn ? 'That offer was already withdrawn.' : null;
    }
    case 'respond': {
      const offer = state.offers.find((o) => o.id === cmd.offer);
      if (!offer || offer.to !== seat) return 'There is no such offer to you.';
      if (offer.withdrawn) return 'That offer was withdrawn.';
      if (!cmd.accept && offer.favour && offer.answer !== false)
        return wealthCheck(state, seat, RULES.favourRejectCost)
          ? `This offer spends a favour you owe: rejecting it costs ${RULES.favourRejectCost} Wealth, which your plans leave you without.`
          : null;
      return null;
    }
    case 'invite':
      return inviteProblem(ctx, state, cmd);
    case 'respondInvitation': {
      const inv = state.invitations.find((i) => i.id === cmd.invitation);
      return inv?.invitees.includes(seat) ? null : 'There is no such invitation to you.';
    }
    case 'answer':
      return answerProblem(ctx, state, cmd);
    case 'instigate': {
      const crisis = state.crises.find((c) => c.uid === cmd.crisis && c.live);
      if (!crisis) return 'There is no live crisis with that id.';
      if (crisis.instigator !== seat) return 'Only the instigator decides to press or hold.';
      if (!cmd.press) return cmd.power === 0 ? null : 'Holding commits no Power.';
      if (cmd.power < 1) return 'Pressing needs at least 1 Power.';
      const plan = seatPlan(state, seat, { press: crisis.uid });
      plan.committed[crisis.region] = (plan.committed[crisis.region] ?? 0) + cmd.power;
      const p = powerFits(state, seat, plan);
      return p ? `Cannot press with ${cmd.power}: ${p}.` : null;
    }
    case 'vote': {
      const crisis = state.crises.find((c) => c.uid === cmd.crisis && c.live);
      if (!crisis || ctx.card[crisis.card]!.kind !== 'vote')
        return 'There is no Security Council vote with that id.';
      if (!ctx.councilMembers.includes(seat))
        return `${name(ctx, seat)} has no seat on the Security Council.`;
      if (cmd.vote === 'veto' && !canVeto(ctx, seat))
        return `${name(ctx, seat)} holds an elected seat: only a permanent member may veto, so it votes yes or abstains.`;
      return null;
    }
    case 'mandate': {
      const crisis = state.crises.find((c) => c.uid === cmd.crisis && c.live);
      const card = crisis ? ctx.card[crisis.card] : undefined;
      if (card?.kind !== 'vote') return 'There is no Security Council vote with that id.';
      return card.mandateFor === seat
        ? null
        : 'Only the actor asking for the mandate decides how to use it.';
    }
  }
}

function offerProblem(
  ctx: Ctx,
  state: MatchState,
  cmd: Extract<SeatCommand, { kind: 'offer' }>,
): string | null {
  const { seat, to } = cmd;
  if (!ctx.actor[to] || to === seat) return `There is no other actor "${to}".`;
  const ap = actionPointCheck(ctx, state, seat);
  if (ap) return ap;
  const pairBusy = state.offers.some(
    (o) => !o.withdrawn && ((o.from === seat && o.to === to) || (o.from === to && o.to === seat)),
  );
  if (pairBusy)
    return `There is already an open offer between you and ${name(ctx, to)} this round.`;
  if (cmd.bloc) {
    const inst = ctx.institution[cmd.bloc];
    if (!inst) return `There is no institution "${cmd.bloc}".`;
    if (inst.leader !== to)
      return `Joining ${inst.name} is an offer to its leader, ${name(ctx, inst.leader)}.`;
    if (state.blocs[cmd.bloc]?.includes(seat)) return `You are already a member of ${inst.name}.`;
  }
  const level = tieLevel(ctx, state, seat, to);
  const tie = getTie(state, seat, to);
  if (cmd.raise && !cmd.bloc) {
    if (level >= ALLIANCE)
      return `Your tie with ${name(ctx, to)} is already at the top of the ladder.`;
    if (isFrozen(state, seat, to))
      return `Your tie with ${name(ctx, to)} is frozen by a live crisis.`;
    if (tie && tie.noRiseBefore > state.round)
      return `Your tie with ${name(ctx, to)} cannot rise before round ${tie.noRiseBefore}.`;
  }
  if (!cmd.raise && !cmd.bloc && cmd.riders.length === 0)
    return 'An offer that does not raise the tie must carry at least one rider.';
  const after = cmd.raise && !cmd.bloc ? level + 1 : level;
  const kinds = new Set<string>();
  let investment = 0;
  for (const r of cmd.riders) {
    if (kinds.has(r.kind)) return `Only one ${r.kind} rider per offer.`;
    kinds.add(r.kind);
    const pair = (id: string) => id === seat || id === to;
    if (r.kind === 'trade' && after < PARTNERSHIP)
      return 'A trade deal needs a partnership or higher.';
    if (r.kind === 'armsSale' && !pair(r.seller))
      return 'The seller in an arms sale must be one of the two parties.';
    if (r.kind === 'training' && !pair(r.trainer))
      return 'The trainer must be one of the two parties.';
    if (r.kind === 'baseAccess' && !pair(r.guest))
      return 'The guest of a base must be one of the two parties.';
    if (r.kind === 'jointExercise' && !ctx.region[r.region])
      return `There is no region "${r.region}".`;
    if (r.kind === 'jointExercise' && after < PARTNERSHIP)
      return 'A joint exercise needs a partnership or higher.';
    if (r.kind === 'unPledge' && !ctx.councilMembers.includes(to))
      return `${name(ctx, to)} has no Security Council vote to pledge.`;
    if (r.kind === 'unPledge' && !ctx.councilMembers.includes(seat))
      return 'A UN pledge is a promise to vote with you: you need a Security Council seat.';
    if (r.kind === 'investment') investment = r.amount;
  }
  if (investment > 0) {
    const w = wealthCheck(state, seat, investment);
    if (w) return w;
  }
  if (cmd.favour && (state.actors[seat]!.favours[to] ?? 0) < 1)
    return `${name(ctx, to)} owes you no favour.`;
  if (after > ALLIANCE) return `There is no level above ${TIE_LEVELS[ALLIANCE]}.`;
  return null;
}

function inviteProblem(
  ctx: Ctx,
  state: MatchState,
  cmd: Extract<SeatCommand, { kind: 'invite' }>,
): string | null {
  const { seat } = cmd;
  const lever = ctx.actor[seat]!.seat?.lever;
  const ap = actionPointCheck(ctx, state, seat);
  if (ap) return ap;
  for (const id of cmd.invitees)
    if (!ctx.actor[id] || id === seat) return `There is no other actor "${id}".`;
  if (new Set(cmd.invitees).size !== cmd.invitees.length) return 'An actor is invited twice.';
  const again = state.invitations.some(
    (i) => i.from === seat && i.kind === cmd.invitation && (i.crisis ?? undefined) === cmd.crisis,
  );
  if (again) return 'You already sent that invitation this round.';
  const crisis = cmd.crisis ? state.crises.find((c) => c.uid === cmd.crisis && c.live) : undefined;
  switch (cmd.invitation) {
    case 'summit':
      return lever?.kind === 'convenesSummit'
        ? null
        : `${name(ctx, seat)} cannot convene a summit.`;
    case 'brics': {
      if (lever?.kind !== 'leadsBrics') return `${name(ctx, seat)} does not lead a bloc position.`;
      const members = state.blocs[lever.bloc] ?? [];
      for (const id of cmd.invitees)
        if (!members.includes(id)) return `${name(ctx, id)} is not a member of the bloc.`;
      return null;
    }
    case 'drill': {
      if (lever?.kind !== 'hostsDrill') return `${name(ctx, seat)} does not host naval drills.`;
      if (cmd.invitees.length > lever.maxPartners)
        return `A drill has at most ${lever.maxPartners} partners.`;
      for (const id of cmd.invitees)
        if (tieLevel(ctx, state, seat, id) < PARTNERSHIP)
          return `A drill needs at least a partnership with ${name(ctx, id)}.`;
      return null;
    }
    case 'mediation': {
      if (lever?.kind !== 'choosesMediators')
        return `${name(ctx, seat)} does not choose mediators.`;
      if (!crisis) return 'Name a live crisis.';
      if (!ctx.card[crisis.card]!.mediatorsChosenBy?.includes(seat))
        return `${name(ctx, seat)} does not choose the mediators of this crisis.`;
      return null;
    }
    case 'bloc': {
      if (lever?.kind !== 'invitesBloc') return `${name(ctx, seat)} cannot invite a bloc.`;
      if (!crisis) return 'Name a live crisis.';
      if (ctx.card[crisis.card]!.blocInviteBy !== seat)
        return 'This crisis is not yours to call a bloc into.';
      if (!cmd.bloc || !lever.blocs.includes(cmd.bloc))
        return `Choose one of: ${lever.blocs.join(', ')}.`;
      const leader = ctx.institution[cmd.bloc]!.leader;
      if (cmd.invitees.length !== 1 || cmd.invitees[0] !== leader)
        return `Invite the bloc's leader, ${name(ctx, leader)}.`;
      if (crisis.blocInvited) return 'A bloc has already been invited into this crisis.';
      return null;
    }
  }
}

function answerProblem(
  _ctx: Ctx,
  state: MatchState,
  cmd: Extract<SeatCommand, { kind: 'answer' }>,
): string | null {
  const crisis = state.crises.find((c) => c.uid === cmd.crisis && c.live);
  if (!crisis) return 'There is no live crisis with that id.';
  const call = crisis.calls.find((c) => c.actor === cmd.seat);
  if (!call) return 'You are not called in this crisis.';
  const { answer } = cmd;
  if (
    call.side === 'either' &&
    !answer.side &&
    (answer.kind === 'honour' || answer.kind === 'honourIfPressed' || answer.kind === 'quiet')
  )
    return 'Both parties call you: choose a side.';
  if (call.side !== 'either' && answer.side && answer.side !== call.side)
    return `You are called to the ${call.side} side.`;
  if (call.treaty && (answer.kind === 'hedge' || answer.kind === 'quiet'))
    return 'A treaty call leaves no hedge: honour it or abandon your ally.';
  if (!call.treaty && answer.kind === 'abandon')
    return 'Only a treaty call can be abandoned; hedge instead.';
  if (answer.kind === 'honourIfPressed') {
    if (
      !crisis.instigator ||
      !state.seats.includes(crisis.instigator) ||
      crisis.instigator === cmd.seat
    )
      return '"Honour if pressed" needs an instigator that is a seat.';
  }
  if (answer.kind === 'honour' || answer.kind === 'honourIfPressed') {
    if (answer.power < RULES.honour.minPower && answer.wealth < RULES.honour.minWealth)
      return `Honouring commits at least ${RULES.honour.minPower} Power or ${RULES.honour.minWealth} Wealth.`;
    const plan = seatPlan(state, cmd.seat, { answer: crisis.uid });
    plan.committed[crisis.region] = (plan.committed[crisis.region] ?? 0) + answer.power;
    const p = powerFits(state, cmd.seat, plan);
    if (p) return `Cannot commit ${answer.power} Power: ${p}.`;
  } else if (answer.power > 0 || answer.wealth > 0)
    return 'Only honouring commits Power or Wealth.';
  const extra =
    answer.kind === 'quiet'
      ? RULES.quiet.wealth
      : answer.kind === 'honour' || answer.kind === 'honourIfPressed'
        ? answer.wealth
        : 0;
  return extra > 0 ? wealthCheck(state, cmd.seat, extra, { answer: crisis.uid }) : null;
}
