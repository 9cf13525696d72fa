import { isFrozen } from '../crisis.ts';
import { type Ctx, canVeto } from '../ctx.ts';
import { powerFits, seatPlan } from '../plan.ts';
import { RULES } from '../rules.ts';
import type { MatchState, ReadonlyState } from '../state.ts';
import { getTie, tieLevel } from '../ties.ts';
import { ALLIANCE, PARTNERSHIP, TIE_LEVELS } from '../vocabulary.ts';
import { PHASE_NAMES, seatKindsIn } from './phases.ts';
import { type Problem, refuse } from './problem.ts';
import type { Command, SeatCommand } from './schema.ts';
import { actionPointCheck, lowerProblem, orderProblem, wealthCheck } from './validate-orders.ts';

function name(ctx: Ctx, id: string): string {
  return ctx.actor[id]?.name ?? id;
}

/**
 * Why a command is illegal, in plain words for the player, or null when it is
 * legal. The client shows it beside a disabled button and bots use it to
 * filter their choices; `commandRefusal` gives the same with its code.
 */
export function commandProblem(
  ctx: Ctx,
  readOnlyState: ReadonlyState,
  cmd: Command,
): string | null {
  return commandRefusal(ctx, readOnlyState, cmd)?.reason ?? null;
}

/** Why a command is illegal, as a code with parameters and the sentence, or null when it is legal. */
export function commandRefusal(
  ctx: Ctx,
  readOnlyState: ReadonlyState,
  cmd: Command,
): Problem | null {
  const state = readOnlyState as MatchState; // a query: it never writes (seat-state.test.ts)
  if (state.phase === 'ended') return refuse('matchOver', {}, 'The match is over.');
  if (cmd.round !== state.round || cmd.phase !== state.phase)
    return refuse(
      'stale',
      { round: cmd.round, phase: cmd.phase, nowRound: state.round, nowPhase: state.phase },
      `This was written for round ${cmd.round} (${PHASE_NAMES[cmd.phase]}); the match is now in round ${state.round} (${PHASE_NAMES[state.phase]}).`,
    );
  if (cmd.kind === 'advance' || cmd.kind === 'endMatch' || cmd.kind === 'reseed') return null;
  if (cmd.kind === 'injectCrisis') {
    const when = injectTimeProblem(state);
    if (when) return when;
    const card = ctx.card[cmd.card];
    if (!card)
      return refuse(
        'noSuchCard',
        { card: cmd.card },
        `There is no card "${cmd.card}" in this scenario.`,
      );
    if (card.holder)
      return refuse(
        'cardHeld',
        { card: cmd.card },
        `${card.title} is held in a hand and cannot be injected.`,
      );
    if (!state.deck.includes(cmd.card) && !state.discard.includes(cmd.card))
      return refuse('cardInPlay', { card: cmd.card }, `${card.title} is already in play.`);
    return null;
  }
  return seatCommandProblem(ctx, state, cmd);
}

/** Why the host may inject no crisis at all now (whatever the card), or null. */
export function injectTimeProblem(state: ReadonlyState): Problem | null {
  if (state.phase === 'ended') return refuse('matchOver', {}, 'The match is over.');
  return state.phase === 'resolution'
    ? refuse('injectTooLate', {}, 'A crisis can be injected before resolution only.')
    : null;
}

function seatCommandProblem(ctx: Ctx, state: MatchState, cmd: SeatCommand): Problem | null {
  const seat = cmd.seat;
  if (!state.seats.includes(seat))
    return refuse('notASeat', { seat }, `"${seat}" is not a seat in this match.`);
  if (!seatKindsIn(state.phase, state.settings.pace).includes(cmd.kind))
    return refuse(
      'wrongPhase',
      { kind: cmd.kind, phase: state.phase },
      `That cannot be done during ${PHASE_NAMES[state.phase]}.`,
    );
  const draft = state.drafts[seat]!;
  switch (cmd.kind) {
    case 'done':
      return null;
    case 'order':
      return orderProblem(ctx, state, seat, cmd.order);
    case 'cancelOrder':
      return cmd.index < draft.orders.length
        ? null
        : refuse('noSuchOrder', { index: cmd.index }, 'There is no such order in your draft.');
    case 'lower':
      return lowerProblem(ctx, state, seat, cmd.partner, cmd.bloc);
    case 'cancelLower':
      return draft.lowers.some((l) => l.partner === cmd.partner)
        ? null
        : refuse('notLowering', { partner: cmd.partner }, 'You are not lowering that tie.');
    case 'offer':
      return offerProblem(ctx, state, cmd);
    case 'withdrawOffer': {
      const offer = state.offers.find((o) => o.id === cmd.offer);
      if (!offer || offer.from !== seat)
        return refuse('noSuchOffer', { offer: cmd.offer }, 'You have no such offer.');
      return offer.withdrawn
        ? refuse('alreadyWithdrawn', { offer: cmd.offer }, 'That offer was already withdrawn.')
        : null;
    }
    case 'respond': {
      const offer = state.offers.find((o) => o.id === cmd.offer);
      if (!offer || offer.to !== seat)
        return refuse('noSuchOffer', { offer: cmd.offer }, 'There is no such offer to you.');
      if (offer.withdrawn)
        return refuse('offerWithdrawn', { offer: cmd.offer }, 'That offer was withdrawn.');
      if (!cmd.accept && offer.favour && offer.answer !== false)
        return wealthCheck(state, seat, RULES.favourRejectCost)
          ? refuse(
              'favourRejectUnaffordable',
              { cost: RULES.favourRejectCost },
              `This offer spends a favour you owe: rejecting it costs ${RULES.favourRejectCost} Wealth, which your plans leave you without.`,
            )
          : null;
      return null;
    }
    case 'invite':
      return inviteProblem(ctx, state, cmd);
    case 'respondInvitation': {
      const inv = state.invitations.find((i) => i.id === cmd.invitation);
      return inv?.invitees.includes(seat)
        ? null
        : refuse(
            'noSuchInvitation',
            { invitation: cmd.invitation },
            'There is no such invitation to you.',
          );
    }
    case 'answer':
      return answerProblem(ctx, state, cmd);
    case 'instigate': {
      const crisis = state.crises.find((c) => c.uid === cmd.crisis && c.live);
      if (!crisis) return noCrisis(cmd.crisis);
      if (crisis.instigator !== seat)
        return refuse('notInstigator', {}, 'Only the instigator decides to press or hold.');
      if (!cmd.press)
        return cmd.power === 0
          ? null
          : refuse('holdCommitsNothing', {}, 'Holding commits no Power.');
      if (cmd.power < 1) return refuse('pressNeedsPower', {}, 'Pressing needs at least 1 Power.');
      const plan = seatPlan(state, seat, { press: crisis.uid });
      plan.committed[crisis.region] = (plan.committed[crisis.region] ?? 0) + cmd.power;
      const p = powerFits(state, seat, plan);
      return p
        ? refuse(
            p.code,
            { ...p.params, power: cmd.power },
            `Cannot press with ${cmd.power}: ${p.reason}.`,
          )
        : null;
    }
    case 'vote': {
      const crisis = state.crises.find((c) => c.uid === cmd.crisis && c.live);
      if (!crisis || ctx.card[crisis.card]!.kind !== 'vote') return noVote(cmd.crisis);
      if (!ctx.councilMembers.includes(seat))
        return refuse(
          'notOnCouncil',
          { seat },
          `${name(ctx, seat)} has no seat on the Security Council.`,
        );
      if (cmd.vote === 'veto' && !canVeto(ctx, seat))
        return refuse(
          'electedNoVeto',
          { seat },
          `${name(ctx, seat)} holds an elected seat: only a permanent member may veto, so it votes yes or abstains.`,
        );
      return null;
    }
    case 'mandate': {
      const crisis = state.crises.find((c) => c.uid === cmd.crisis && c.live);
      const card = crisis ? ctx.card[crisis.card] : undefined;
      if (card?.kind !== 'vote') return noVote(cmd.crisis);
      return card.mandateFor === seat
        ? null
        : refuse(
            'notMandateHolder',
            {},
            'Only the actor asking for the mandate decides how to use it.',
          );
    }
  }
}

const noCrisis = (crisis: string) =>
  refuse('noSuchCrisis', { crisis }, 'There is no live crisis with that id.');
const noVote = (crisis: string) =>
  refuse('noSuchVote', { crisis }, 'There is no Security Council vote with that id.');
const noOther = (actor: string) =>
  refuse('noOtherActor', { actor }, `There is no other actor "${actor}".`);

function offerProblem(
  ctx: Ctx,
  state: MatchState,
  cmd: Extract<SeatCommand, { kind: 'offer' }>,
): Problem | null {
  const { seat, to } = cmd;
  if (!ctx.actor[to] || to === seat) return noOther(to);
  const ap = actionPointCheck(ctx, state, seat);
  if (ap) return ap;
  const pairBusy = state.offers.some(
    (o) => !o.withdrawn && ((o.from === seat && o.to === to) || (o.from === to && o.to === seat)),
  );
  if (pairBusy)
    return refuse(
      'pairBusy',
      { to },
      `There is already an open offer between you and ${name(ctx, to)} this round.`,
    );
  if (cmd.bloc) {
    const bloc = cmd.bloc;
    const inst = ctx.institution[bloc];
    if (!inst) return refuse('noSuchInstitution', { bloc }, `There is no institution "${bloc}".`);
    if (inst.leader !== to)
      return refuse(
        'joinViaLeader',
        { bloc, leader: inst.leader },
        `Joining ${inst.name} is an offer to its leader, ${name(ctx, inst.leader)}.`,
      );
    if (state.blocs[bloc]?.includes(seat))
      return refuse('alreadyAMember', { bloc }, `You are already a member of ${inst.name}.`);
  }
  const level = tieLevel(ctx, state, seat, to);
  const tie = getTie(state, seat, to);
  if (cmd.raise && !cmd.bloc) {
    if (level >= ALLIANCE)
      return refuse(
        'tieAtTop',
        { to },
        `Your tie with ${name(ctx, to)} is already at the top of the ladder.`,
      );
    if (isFrozen(state, seat, to))
      return refuse(
        'tieFrozen',
        { to },
        `Your tie with ${name(ctx, to)} is frozen by a live crisis.`,
      );
    if (tie && tie.noRiseBefore > state.round)
      return refuse(
        'tieCannotRise',
        { to, round: tie.noRiseBefore },
        `Your tie with ${name(ctx, to)} cannot rise before round ${tie.noRiseBefore}.`,
      );
  }
  if (!cmd.raise && !cmd.bloc && cmd.riders.length === 0)
    return refuse(
      'offerNeedsRider',
      {},
      'An offer that does not raise the tie must carry at least one rider.',
    );
  const after = cmd.raise && !cmd.bloc ? level + 1 : level;
  const kinds = new Set<string>();
  let investment = 0;
  for (const r of cmd.riders) {
    const rider = r.kind;
    if (kinds.has(rider))
      return refuse('riderTwice', { rider }, `Only one ${rider} rider per offer.`);
    kinds.add(rider);
    const pair = (id: string) => id === seat || id === to;
    const partyOnly = (reason: string) => refuse('riderPartyOnly', { rider }, reason);
    if (r.kind === 'trade' && after < PARTNERSHIP)
      return refuse(
        'riderNeedsPartnership',
        { rider },
        'A trade deal needs a partnership or higher.',
      );
    if (r.kind === 'armsSale' && !pair(r.seller))
      return partyOnly('The seller in an arms sale must be one of the two parties.');
    if (r.kind === 'training' && !pair(r.trainer))
      return partyOnly('The trainer must be one of the two parties.');
    if (r.kind === 'baseAccess' && !pair(r.guest))
      return partyOnly('The guest of a base must be one of the two parties.');
    if (r.kind === 'jointExercise' && !ctx.region[r.region])
      return refuse('noSuchRegion', { region: r.region }, `There is no region "${r.region}".`);
    if (r.kind === 'jointExercise' && after < PARTNERSHIP)
      return refuse(
        'riderNeedsPartnership',
        { rider },
        'A joint exercise needs a partnership or higher.',
      );
    if (r.kind === 'unPledge' && !ctx.councilMembers.includes(to))
      return refuse(
        'noCouncilVote',
        { to },
        `${name(ctx, to)} has no Security Council vote to pledge.`,
      );
    if (r.kind === 'unPledge' && !ctx.councilMembers.includes(seat))
      return refuse(
        'pledgeNeedsCouncilSeat',
        {},
        'A UN pledge is a promise to vote with you: you need a Security Council seat.',
      );
    if (r.kind === 'investment') investment = r.amount;
  }
  if (investment > 0) {
    const w = wealthCheck(state, seat, investment);
    if (w) return w;
  }
  if (cmd.favour && (state.actors[seat]!.favours[to] ?? 0) < 1)
    return refuse('noFavourOwed', { to }, `${name(ctx, to)} owes you no favour.`);
  if (after > ALLIANCE)
    return refuse('noLevelAbove', {}, `There is no level above ${TIE_LEVELS[ALLIANCE]}.`);
  return null;
}

function inviteProblem(
  ctx: Ctx,
  state: MatchState,
  cmd: Extract<SeatCommand, { kind: 'invite' }>,
): Problem | null {
  const { seat } = cmd;
  const lever = ctx.actor[seat]!.seat?.lever;
  const ap = actionPointCheck(ctx, state, seat);
  if (ap) return ap;
  for (const id of cmd.invitees) if (!ctx.actor[id] || id === seat) return noOther(id);
  if (new Set(cmd.invitees).size !== cmd.invitees.length)
    return refuse('invitedTwice', {}, 'An actor is invited twice.');
  const again = state.invitations.some(
    (i) => i.from === seat && i.kind === cmd.invitation && (i.crisis ?? undefined) === cmd.crisis,
  );
  if (again) return refuse('invitationSent', {}, 'You already sent that invitation this round.');
  const noLever = (reason: string) =>
    refuse('noLever', { seat, invitation: cmd.invitation }, reason);
  const nameCrisis = () => refuse('nameCrisis', {}, 'Name a live crisis.');
  const crisis = cmd.crisis ? state.crises.find((c) => c.uid === cmd.crisis && c.live) : undefined;
  switch (cmd.invitation) {
    case 'summit':
      return lever?.kind === 'convenesSummit'
        ? null
        : noLever(`${name(ctx, seat)} cannot convene a summit.`);
    case 'brics': {
      if (lever?.kind !== 'leadsBrics')
        return noLever(`${name(ctx, seat)} does not lead a bloc position.`);
      const members = state.blocs[lever.bloc] ?? [];
      for (const id of cmd.invitees)
        if (!members.includes(id))
          return refuse(
            'notInBloc',
            { actor: id, bloc: lever.bloc },
            `${name(ctx, id)} is not a member of the bloc.`,
          );
      return null;
    }
    case 'drill': {
      if (lever?.kind !== 'hostsDrill')
        return noLever(`${name(ctx, seat)} does not host naval drills.`);
      if (cmd.invitees.length > lever.maxPartners)
        return refuse(
          'drillTooMany',
          { max: lever.maxPartners },
          `A drill has at most ${lever.maxPartners} partners.`,
        );
      for (const id of cmd.invitees)
        if (tieLevel(ctx, state, seat, id) < PARTNERSHIP)
          return refuse(
            'drillNeedsPartnership',
            { actor: id },
            `A drill needs at least a partnership with ${name(ctx, id)}.`,
          );
      return null;
    }
    case 'mediation': {
      if (lever?.kind !== 'choosesMediators')
        return noLever(`${name(ctx, seat)} does not choose mediators.`);
      if (!crisis) return nameCrisis();
      if (!ctx.card[crisis.card]!.mediatorsChosenBy?.includes(seat))
        return refuse(
          'notYourMediators',
          { seat, crisis: crisis.uid },
          `${name(ctx, seat)} does not choose the mediators of this crisis.`,
        );
      return null;
    }
    case 'bloc': {
      if (lever?.kind !== 'invitesBloc') return noLever(`${name(ctx, seat)} cannot invite a bloc.`);
      if (!crisis) return nameCrisis();
      if (ctx.card[crisis.card]!.blocInviteBy !== seat)
        return refuse(
          'notYourBlocCrisis',
          { crisis: crisis.uid },
          'This crisis is not yours to call a bloc into.',
        );
      if (!cmd.bloc || !lever.blocs.includes(cmd.bloc))
        return refuse(
          'chooseBloc',
          { blocs: lever.blocs.join(',') },
          `Choose one of: ${lever.blocs.join(', ')}.`,
        );
      const leader = ctx.institution[cmd.bloc]!.leader;
      if (cmd.invitees.length !== 1 || cmd.invitees[0] !== leader)
        return refuse(
          'inviteLeader',
          { leader },
          `Invite the bloc's leader, ${name(ctx, leader)}.`,
        );
      if (crisis.blocInvited)
        return refuse(
          'blocAlreadyInvited',
          { crisis: crisis.uid },
          'A bloc has already been invited into this crisis.',
        );
      return null;
    }
  }
}

function answerProblem(
  _ctx: Ctx,
  state: MatchState,
  cmd: Extract<SeatCommand, { kind: 'answer' }>,
): Problem | null {
  const crisis = state.crises.find((c) => c.uid === cmd.crisis && c.live);
  if (!crisis) return noCrisis(cmd.crisis);
  const call = crisis.calls.find((c) => c.actor === cmd.seat);
  if (!call)
    return refuse('notCalled', { crisis: crisis.uid }, 'You are not called in this crisis.');
  const { answer } = cmd;
  if (
    call.side === 'either' &&
    !answer.side &&
    (answer.kind === 'honour' || answer.kind === 'honourIfPressed' || answer.kind === 'quiet')
  )
    return refuse('chooseSide', {}, 'Both parties call you: choose a side.');
  if (call.side !== 'either' && answer.side && answer.side !== call.side)
    return refuse('wrongSide', { side: call.side }, `You are called to the ${call.side} side.`);
  if (call.treaty && (answer.kind === 'hedge' || answer.kind === 'quiet'))
    return refuse(
      'treatyNoHedge',
      {},
      'A treaty call leaves no hedge: honour it or abandon your ally.',
    );
  if (!call.treaty && answer.kind === 'abandon')
    return refuse('onlyTreatyAbandon', {}, 'Only a treaty call can be abandoned; hedge instead.');
  if (answer.kind === 'honourIfPressed') {
    if (
      !crisis.instigator ||
      !state.seats.includes(crisis.instigator) ||
      crisis.instigator === cmd.seat
    )
      return refuse(
        'needsSeatInstigator',
        {},
        '"Honour if pressed" needs an instigator that is a seat.',
      );
  }
  if (answer.kind === 'honour' || answer.kind === 'honourIfPressed') {
    if (answer.power < RULES.honour.minPower && answer.wealth < RULES.honour.minWealth)
      return refuse(
        'honourTooSmall',
        { power: RULES.honour.minPower, wealth: RULES.honour.minWealth },
        `Honouring commits at least ${RULES.honour.minPower} Power or ${RULES.honour.minWealth} Wealth.`,
      );
    const plan = seatPlan(state, cmd.seat, { answer: crisis.uid });
    plan.committed[crisis.region] = (plan.committed[crisis.region] ?? 0) + answer.power;
    const p = powerFits(state, cmd.seat, plan);
    if (p)
      return refuse(
        p.code,
        { ...p.params, power: answer.power },
        `Cannot commit ${answer.power} Power: ${p.reason}.`,
      );
  } else if (answer.power > 0 || answer.wealth > 0)
    return refuse('onlyHonourCommits', {}, 'Only honouring commits Power or Wealth.');
  const extra =
    answer.kind === 'quiet'
      ? RULES.quiet.wealth
      : answer.kind === 'honour' || answer.kind === 'honourIfPressed'
        ? answer.wealth
        : 0;
  return extra > 0 ? wealthCheck(state, cmd.seat, extra, { answer: crisis.uid }) : null;
}
