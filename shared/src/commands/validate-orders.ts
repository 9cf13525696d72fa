import type { Ctx } from '../ctx.ts';
import { actionPointsMax, powerFits, type SeatPlan, seatPlan } from '../plan.ts';
import { RULES } from '../rules.ts';
import type { MatchState, Order } from '../state.ts';
import { hasDialogue, tieKey, tieLevel } from '../ties.ts';
import { PARTNERSHIP } from '../vocabulary.ts';
import { type Problem, refuse } from './problem.ts';

function name(ctx: Ctx, id: string): string {
  return ctx.actor[id]?.name ?? id;
}

export function actionPointCheck(
  ctx: Ctx,
  state: MatchState,
  seat: string,
  plan: SeatPlan = seatPlan(state, seat),
): Problem | null {
  const max = actionPointsMax(ctx, state, seat);
  const entangled = state.actors[seat]!.entangled > 0;
  if (plan.actionPoints >= max)
    return refuse(
      'noActionPoints',
      { max, entangled: entangled ? RULES.entangledActionPoints : 0 },
      `No action points left this round (${max}${entangled ? `, ${RULES.entangledActionPoints} fewer while Entangled` : ''}).`,
    );
  return null;
}

export function wealthCheck(
  state: MatchState,
  seat: string,
  extra: number,
  skip: { answer?: string } = {},
  plan: SeatPlan = seatPlan(state, seat, skip),
): Problem | null {
  const have = state.actors[seat]!.wealth;
  const spend = plan.wealth + extra;
  if (spend > have)
    return refuse(
      'wealthShort',
      { spend, have },
      `Not enough Wealth: this round's plans would spend ${spend} and you hold ${have}.`,
    );
  return null;
}

/** Why a seat may not add this order to its draft, or null when it may. */
export function orderProblem(
  ctx: Ctx,
  state: MatchState,
  seat: string,
  order: Order,
): Problem | null {
  // One plan serves every check of this order.
  const plan = seatPlan(state, seat);
  const ap = actionPointCheck(ctx, state, seat, plan);
  if (ap) return ap;
  const draft = state.drafts[seat]!;
  const actorExists = (id: string) =>
    ctx.actor[id] ? null : refuse('noSuchActor', { actor: id }, `There is no actor "${id}".`);
  const noRegion = (region: string) =>
    ctx.region[region]
      ? null
      : refuse('noSuchRegion', { region }, `There is no region "${region}".`);
  switch (order.kind) {
    case 'invest': {
      const missing = noRegion(order.region);
      if (missing) return missing;
      return wealthCheck(state, seat, order.amount, {}, plan);
    }
    case 'deploy': {
      const missing = noRegion(order.region);
      if (missing) return missing;
      plan.deployedTotal += order.power;
      plan.deployed[order.region] = (plan.deployed[order.region] ?? 0) + order.power;
      const p = powerFits(state, seat, plan);
      return p
        ? refuse(
            p.code,
            { ...p.params, power: order.power },
            `Cannot deploy ${order.power}: ${p.reason}.`,
          )
        : null;
    }
    case 'exercise': {
      const missing = actorExists(order.partner);
      if (missing) return missing;
      const noWhere = noRegion(order.region);
      if (noWhere) return noWhere;
      if (order.partner === seat)
        return refuse('exerciseSelf', {}, 'A joint exercise needs a partner other than yourself.');
      if (tieLevel(ctx, state, seat, order.partner) < PARTNERSHIP)
        return refuse(
          'exerciseNeedsPartnership',
          { partner: order.partner },
          `A joint exercise needs at least a partnership with ${name(ctx, order.partner)}.`,
        );
      if (
        draft.orders.some(
          (o) => o.kind === 'exercise' && o.partner === order.partner && o.region === order.region,
        )
      )
        return refuse('exerciseTwice', {}, 'That exercise is already in your orders.');
      return null;
    }
    case 'mediate': {
      const crisis = state.crises.find((c) => c.uid === order.crisis && c.live);
      if (!crisis)
        return refuse(
          'noSuchCrisis',
          { crisis: order.crisis },
          'There is no live crisis with that id.',
        );
      const card = ctx.card[crisis.card]!;
      if (card.kind === 'vote')
        return refuse('voteNotMediable', {}, 'A Security Council vote cannot be mediated.');
      if (crisis.parties.includes(seat))
        return refuse('partyCannotMediate', {}, 'A party to a crisis cannot mediate it.');
      for (const p of crisis.parties)
        if (!hasDialogue(ctx, state, seat, p))
          return refuse(
            'mediationNeedsDialogue',
            { actor: p },
            `Mediation needs at least dialogue with ${name(ctx, p)}.`,
          );
      const choosers = (card.mediatorsChosenBy ?? []).filter((c) => state.seats.includes(c));
      if (choosers.length > 0) {
        const invited = state.invitations.some(
          (i) =>
            i.kind === 'mediation' &&
            i.crisis === crisis.uid &&
            choosers.includes(i.from) &&
            i.invitees.includes(seat),
        );
        if (!invited)
          return refuse(
            'mediatorNotInvited',
            { choosers: choosers.join(',') },
            `Only a mediator invited by ${choosers.map((c) => name(ctx, c)).join(' or ')} may mediate this crisis.`,
          );
      }
      if (draft.orders.some((o) => o.kind === 'mediate' && o.crisis === order.crisis))
        return refuse('mediateTwice', {}, 'You already mediate this crisis.');
      return null;
    }
    case 'sanction': {
      const missing = actorExists(order.target);
      if (missing) return missing;
      if (order.target === seat) return refuse('sanctionSelf', {}, 'You cannot sanction yourself.');
      if (draft.orders.some((o) => o.kind === 'sanction' && o.target === order.target))
        return refuse('sanctionTwice', {}, 'That sanction is already in your orders.');
      return null;
    }
    case 'aid': {
      const missing = actorExists(order.to);
      if (missing) return missing;
      if (order.to === seat) return refuse('aidSelf', {}, 'Aid goes to another actor.');
      return wealthCheck(state, seat, order.amount, {}, plan);
    }
    case 'investigate': {
      const missing = actorExists(order.target);
      if (missing) return missing;
      if (!ctx.actor[seat]!.canInvestigate)
        return refuse(
          'cannotInvestigate',
          { seat },
          `${name(ctx, seat)} cannot investigate in this scenario.`,
        );
      if (order.target === seat)
        return refuse('investigateSelf', {}, 'You cannot investigate yourself.');
      if (draft.orders.some((o) => o.kind === 'investigate' && o.target === order.target))
        return refuse('investigateTwice', {}, 'That investigation is already in your orders.');
      return null;
    }
    case 'prepare': {
      const lever = ctx.actor[seat]!.seat?.lever;
      if (lever?.kind !== 'holdsCards')
        return refuse('holdsNoCards', { seat }, `${name(ctx, seat)} holds no crisis cards.`);
      const a = state.actors[seat]!;
      if (!a.hand.includes(order.card))
        return refuse('cardNotInHand', { card: order.card }, 'That card is not in your hand.');
      if (state.round - a.lastPrepared < lever.every)
        return refuse(
          'prepareTooSoon',
          { every: lever.every, last: a.lastPrepared },
          `A card may be prepared once every ${lever.every} rounds (last in round ${a.lastPrepared}).`,
        );
      if (state.round >= state.settings.rounds)
        return refuse(
          'prepareLastRound',
          {},
          'A card prepared in the last round would never be revealed.',
        );
      if (draft.orders.some((o) => o.kind === 'prepare'))
        return refuse('prepareTwice', {}, 'You already prepare a card this round.');
      return null;
    }
  }
}

/** Why a seat may not lower its tie with `partner` (or leave `bloc`), or null. */
export function lowerProblem(
  ctx: Ctx,
  state: MatchState,
  seat: string,
  partner: string,
  bloc: string | undefined,
): Problem | null {
  const a = state.actors[seat]!;
  const draft = state.drafts[seat]!;
  if (draft.lowers.some((l) => l.partner === partner && (l.bloc ?? undefined) === bloc))
    return refuse('lowerTwice', { partner }, 'That tie is already being lowered.');
  if (bloc) {
    const inst = ctx.institution[bloc];
    if (!inst) return refuse('noSuchInstitution', { bloc }, `There is no institution "${bloc}".`);
    if (!state.blocs[bloc]?.includes(seat))
      return refuse('notAMember', { bloc }, `You are not a member of ${inst.name}.`);
    if (inst.leader === seat)
      return refuse('leaderCannotLeave', { bloc }, `The leader of ${inst.name} cannot leave it.`);
    return null;
  }
  if (!ctx.actor[partner] || partner === seat)
    return refuse('noOtherActor', { actor: partner }, `There is no other actor "${partner}".`);
  const tie = state.ties[tieKey(seat, partner)];
  if (!tie || tie.level === 0)
    return refuse(
      'noTieToLower',
      { partner },
      `You have no tie of your own with ${name(ctx, partner)} to lower.`,
    );
  if (tie.notice)
    return refuse(
      'noticeAlreadyGiven',
      { partner },
      'Notice has already been given on this treaty.',
    );
  if (a.entangled > 0 && a.entangledBy === tieKey(seat, partner))
    return refuse(
      'entangledCannotLower',
      { partner },
      'While Entangled you cannot lower the tie that drew you in.',
    );
  return null;
}
