import type { Ctx } from '../ctx.ts';
import { actionPointsMax, powerFits, type SeatPlan, seatPlan } from '../plan.ts';
import { RULES } from '../rules.ts';
import type { MatchState, Order } from '../state.ts';
import { hasDialogue, tieKey, tieLevel } from '../ties.ts';
import { PARTNERSHIP } from '../vocabulary.ts';

function name(ctx: Ctx, id: string): string {
  return ctx.actor[id]?.name ?? id;
}

export function actionPointCheck(
  ctx: Ctx,
  state: MatchState,
  seat: string,
  plan: SeatPlan = seatPlan(state, seat),
): string | null {
  const max = actionPointsMax(ctx, state, seat);
  if (plan.actionPoints >= max)
    return `No action points left this round (${max}${state.actors[seat]!.entangled > 0 ? `, ${RULES.entangledActionPoints} fewer while Entangled` : ''}).`;
  return null;
}

export function wealthCheck(
  state: MatchState,
  seat: string,
  extra: number,
  skip: { answer?: string } = {},
  plan: SeatPlan = seatPlan(state, seat, skip),
): string | null {
  const have = state.actors[seat]!.wealth;
  if (plan.wealth + extra > have)
    return `Not enough Wealth: this round's plans would spend ${plan.wealth + extra} and you hold ${have}.`;
  return null;
}

/** Why a seat may not add this order to its draft, or null when it may. */
export function orderProblem(
  ctx: Ctx,
  state: MatchState,
  seat: string,
  order: Order,
): string | null {
  // One plan serves every check of this order.
  const plan = seatPlan(state, seat);
  const ap = actionPointCheck(ctx, state, seat, plan);
  if (ap) return ap;
  const draft = state.drafts[seat]!;
  const actorExists = (id: string) => (ctx.actor[id] ? null : `There is no actor "${id}".`);
  switch (order.kind) {
    case 'invest': {
      if (!ctx.region[order.region]) return `There is no region "${order.region}".`;
      return wealthCheck(state, seat, order.amount, {}, plan);
    }
    case 'deploy': {
      if (!ctx.region[order.region]) return `There is no region "${order.region}".`;
      plan.deployedTotal += order.power;
      plan.deployed[order.region] = (plan.deployed[order.region] ?? 0) + order.power;
      const p = powerFits(state, seat, plan);
      return p ? `Cannot deploy ${order.power}: ${p}.` : null;
    }
    case 'exercise': {
      const missing = actorExists(order.partner);
      if (missing) return missing;
      if (!ctx.region[order.region]) return `There is no region "${order.region}".`;
      if (order.partner === seat) return 'A joint exercise needs a partner other than yourself.';
      if (tieLevel(ctx, state, seat, order.partner) < PARTNERSHIP)
        return `A joint exercise needs at least a partnership with ${name(ctx, order.partner)}.`;
      if (
        draft.orders.some(
          (o) => o.kind === 'exercise' && o.partner === order.partner && o.region === order.region,
        )
      )
        return 'That exercise is already in your orders.';
      return null;
    }
    case 'mediate': {
      const crisis = state.crises.find((c) => c.uid === order.crisis && c.live);
      if (!crisis) return 'There is no live crisis with that id.';
      const card = ctx.card[crisis.card]!;
      if (card.kind === 'vote') return 'A Security Council vote cannot be mediated.';
      if (crisis.parties.includes(seat)) return 'A party to a crisis cannot mediate it.';
      for (const p of crisis.parties)
        if (!hasDialogue(ctx, state, seat, p))
          return `Mediation needs at least dialogue with ${name(ctx, p)}.`;
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
          return `Only a mediator invited by ${choosers.map((c) => name(ctx, c)).join(' or ')} may mediate this crisis.`;
      }
      if (draft.orders.some((o) => o.kind === 'mediate' && o.crisis === order.crisis))
        return 'You already mediate this crisis.';
      return null;
    }
    case 'sanction': {
      const missing = actorExists(order.target);
      if (missing) return missing;
      if (order.target === seat) return 'You cannot sanction yourself.';
      if (draft.orders.some((o) => o.kind === 'sanction' && o.target === order.target))
        return 'That sanction is already in your orders.';
      return null;
    }
    case 'aid': {
      const missing = actorExists(order.to);
      if (missing) return missing;
      if (order.to === seat) return 'Aid goes to another actor.';
      return wealthCheck(state, seat, order.amount, {}, plan);
    }
    case 'investigate': {
      const missing = actorExists(order.target);
      if (missing) return missing;
      if (!ctx.actor[seat]!.canInvestigate)
        return `${name(ctx, seat)} cannot investigate in this scenario.`;
      if (order.target === seat) return 'You cannot investigate yourself.';
      if (draft.orders.some((o) => o.kind === 'investigate' && o.target === order.target))
        return 'That investigation is already in your orders.';
      return null;
    }
    case 'prepare': {
      const lever = ctx.actor[seat]!.seat?.lever;
      if (lever?.kind !== 'holdsCards') return `${name(ctx, seat)} holds no crisis cards.`;
      const a = state.actors[seat]!;
      if (!a.hand.includes(order.card)) return 'That card is not in your hand.';
      if (state.round - a.lastPrepared < lever.every)
        return `A card may be prepared once every ${lever.every} rounds (last in round ${a.lastPrepared}).`;
      if (state.round >= state.settings.rounds)
        return 'A card prepared in the last round would never be revealed.';
      if (draft.orders.some((o) => o.kind === 'prepare'))
        return 'You already prepare a card this round.';
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
): string | null {
  const a = state.actors[seat]!;
  const draft = state.drafts[seat]!;
  if (draft.lowers.some((l) => l.partner === partner && (l.bloc ?? undefined) === bloc))
    return 'That tie is already being lowered.';
  if (bloc) {
    const inst = ctx.institution[bloc];
    if (!inst) return `There is no institution "${bloc}".`;
    if (!state.blocs[bloc]?.includes(seat)) return `You are not a member of ${inst.name}.`;
    if (inst.leader === seat) return `The leader of ${inst.name} cannot leave it.`;
    return null;
  }
  if (!ctx.actor[partner] || partner === seat) return `There is no other actor "${partner}".`;
  const tie = state.ties[tieKey(seat, partner)];
  if (!tie || tie.level === 0)
    return `You have no tie of your own with ${name(ctx, partner)} to lower.`;
  if (tie.notice) return 'Notice has already been given on this treaty.';
  if (a.entangled > 0 && a.entangledBy === tieKey(seat, partner))
    return 'While Entangled you cannot lower the tie that drew you in.';
  return null;
}
