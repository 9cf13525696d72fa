import { atWar } from '../crisis.ts';
import { RULES } from '../rules.ts';
import type { OfferState, TieState } from '../state.ts';
import { autonomyCap, ensureTie, getTie, tieKey, tieLevel, tieList } from '../ties.ts';
import { emit, type Tx } from '../tx.ts';
import { ALLIANCE, STRATEGIC, TIE_LEVELS } from '../vocabulary.ts';
import { abandon } from './abandonment.ts';

function clampAutonomy(tx: Tx, actor: string): void {
  const a = tx.state.actors[actor]!;
  a.autonomy = Math.min(a.autonomy, autonomyCap(tx.ctx, tx.state, actor));
}

/** The crisis whose call binds `actor` to `party` through this frozen tie, if any. */
function freezingCall(tx: Tx, tie: TieState) {
  const crisis = tx.state.crises.find((c) => c.uid === tie.frozenBy);
  if (!crisis) return null;
  for (const call of crisis.calls)
    for (const caller of call.callers)
      if (tieKey(call.actor, caller.party) === tieKey(tie.a, tie.b))
        return { crisis, call, caller };
  return null;
}

/**
 * Step 1 (docs/rules.md §6, §4.5): treaty notices that fall due end their
 * treaties (postponed while frozen), then this round's downgrades apply.
 */
export function applyNoticesAndLowers(tx: Tx): void {
  const { state } = tx;
  for (const tie of tieList(state)) {
    if (!tie.notice || tie.notice.due > state.round || tie.frozenBy) continue;
    const { by, bloc } = tie.notice;
    const other = tie.a === by ? tie.b : tie.a;
    tie.notice = null;
    if (bloc) {
      state.blocs[bloc] = (state.blocs[bloc] ?? []).filter((m) => m !== by);
      emit(tx, { type: 'blocLeft', actors: [by, other], detail: { bloc } });
    } else {
      tie.level = STRATEGIC;
      emit(tx, {
        type: 'treatyEnded',
        actors: [by, other],
        detail: { level: TIE_LEVELS[STRATEGIC] },
      });
    }
  }
  for (const seat of state.seats) {
    for (const lower of state.drafts[seat]!.lowers) {
      if (lower.bloc) leaveBloc(tx, seat, lower.bloc);
      else lowerTie(tx, seat, lower.partner);
    }
  }
  // Lowering ties only ever raises Autonomy's cap, so nothing needs clamping here.
}

function leaveBloc(tx: Tx, seat: string, bloc: string): void {
  const { ctx, state } = tx;
  const inst = ctx.institution[bloc]!;
  if (!state.blocs[bloc]?.includes(seat)) return;
  if (inst.kind === 'alliance' || inst.kind === 'paperAlliance') {
    const tie = ensureTie(state, seat, inst.leader);
    if (tie.notice) return;
    if (tie.frozenBy) {
      const found = freezingCall(tx, tie);
      abandon(tx, seat, inst.leader, tie.frozenBy, found?.crisis.card);
      return;
    }
    tie.notice = { by: seat, due: state.round + state.settings.treatyNotice, bloc };
    state.actors[seat]!.reputation = Math.max(
      0,
      state.actors[seat]!.reputation - RULES.noticeReputation,
    );
    emit(tx, {
      type: 'noticeGiven',
      actors: [seat, inst.leader],
      amounts: { due: tie.notice.due, reputation: -RULES.noticeReputation },
      detail: { bloc },
    });
    return;
  }
  state.blocs[bloc] = state.blocs[bloc]!.filter((m) => m !== seat);
  emit(tx, { type: 'blocLeft', actors: [seat, inst.leader], detail: { bloc } });
}

function lowerTie(tx: Tx, seat: string, partner: string): void {
  const { state } = tx;
  const tie = getTie(state, seat, partner);
  if (!tie || tie.level === 0 || tie.notice) return;
  const a = state.actors[seat]!;
  if (tie.level >= ALLIANCE) {
    if (tie.frozenBy) {
      // Leaving a treaty while its partner is in the crisis that called you is abandonment.
      const found = freezingCall(tx, tie);
      abandon(tx, seat, partner, found?.crisis.uid ?? tie.frozenBy, found?.crisis.card);
      return;
    }
    tie.notice = { by: seat, due: state.round + state.settings.treatyNotice, bloc: null };
    a.reputation = Math.max(0, a.reputation - RULES.noticeReputation);
    emit(tx, {
      type: 'noticeGiven',
      actors: [seat, partner],
      amounts: { due: tie.notice.due, reputation: -RULES.noticeReputation },
      concept: 'swiftScaling',
    });
    return;
  }
  const from = tie.level;
  tie.level--;
  if (tie.frozenBy) {
    a.reputation = Math.max(0, a.reputation - RULES.frozenLowerReputation);
    tie.noRiseBefore = state.round + 1 + RULES.frozenLowerNoRise;
  }
  if (atWar(state, partner) || state.crises.some((c) => c.live && c.instigator === partner))
    a.stats.scaledBack++;
  emit(tx, {
    type: 'tieLowered',
    actors: [seat, partner],
    amounts: { from, to: tie.level, reputation: tie.frozenBy ? -RULES.frozenLowerReputation : 0 },
    detail: { level: TIE_LEVELS[tie.level]! },
    concept: 'swiftScaling',
  });
}

/** Non-player actors answer the offers made to them before anything resolves (their exercises count this round). */
export function npcAnswerOffers(tx: Tx): void {
  for (const offer of tx.state.offers)
    if (!offer.withdrawn && !tx.state.seats.includes(offer.to))
      offer.answer = npcAccepts(tx, offer);
}

/** How a non-player actor answers an offer: it never signs a new treaty and never sides with a rival of its treaty partners. */
function npcAccepts(tx: Tx, offer: OfferState): boolean {
  const { ctx, state } = tx;
  if (offer.bloc) return false;
  const level = tieLevel(ctx, state, offer.from, offer.to);
  if (offer.raise && level + 1 >= ALLIANCE) return false;
  for (const other of ctx.rivalsOf[offer.from] ?? []) {
    if (tieLevel(ctx, state, offer.to, other) >= ALLIANCE) return false;
  }
  return true;
}

/** Step 6: accepted offers raise ties and apply their riders. */
export function applyOffers(tx: Tx): void {
  const { ctx, state } = tx;
  for (const offer of state.offers) {
    if (offer.withdrawn) continue;
    const accepted = offer.answer === true;
    const from = state.actors[offer.from]!;
    const to = state.actors[offer.to]!;
    if (offer.favour) {
      from.favours[offer.to] = Math.max(0, (from.favours[offer.to] ?? 0) - 1);
      if (!accepted) {
        const paid = Math.min(RULES.favourRejectCost, to.wealth);
        to.wealth -= paid;
        from.wealth += paid;
        emit(tx, {
          type: 'favourRepaid',
          actors: [offer.to, offer.from],
          amounts: { wealth: paid },
        });
      }
    }
    emit(tx, {
      type: 'offerAnswered',
      actors: [offer.to, offer.from],
      detail: { answer: accepted ? 'accepted' : 'rejected' },
      ...(accepted ? {} : { visibleTo: [offer.from, offer.to] }),
    });
    if (!accepted) continue;
    from.stats.offersAccepted++;
    if (offer.bloc) {
      state.blocs[offer.bloc] = [...(state.blocs[offer.bloc] ?? []), offer.from];
      emit(tx, {
        type: 'blocJoined',
        actors: [offer.from, offer.to],
        detail: { bloc: offer.bloc },
        concept: 'institutions',
      });
      clampAutonomy(tx, offer.from);
    }
    const tie = ensureTie(state, offer.from, offer.to);
    if (offer.raise && !offer.bloc && !tie.frozenBy) {
      const before = tieLevel(ctx, state, offer.from, offer.to);
      tie.level = Math.min(ALLIANCE, before + 1);
      if (tie.level >= ALLIANCE) {
        from.stats.newTreaties++;
        to.stats.newTreaties++;
      }
      emit(tx, {
        type: 'tieRaised',
        actors: [offer.from, offer.to],
        amounts: { from: before, to: tie.level },
        detail: { level: TIE_LEVELS[tie.level]! },
        concept: 'commitmentLadder',
      });
      cohesionCostOfRaise(tx, offer.from, offer.to);
      if (tie.level >= ALLIANCE) {
        clampAutonomy(tx, offer.from);
        clampAutonomy(tx, offer.to);
      }
    }
    const level = tieLevel(ctx, state, offer.from, offer.to);
    for (const rider of offer.riders) applyRider(tx, offer, rider, level);
  }
}

function cohesionCostOfRaise(tx: Tx, a: string, b: string): void {
  const { ctx, state } = tx;
  for (const [holder, partner] of [
    [a, b],
    [b, a],
  ] as const) {
    const def = ctx.actor[holder]?.cohesion;
    if (!def?.indoPacificPartners.includes(partner)) continue;
    const h = state.actors[holder]!;
    h.cohesion = Math.max(0, h.cohesion - RULES.cohesion.indoPacificRaise);
    emit(tx, {
      type: 'cohesion',
      actors: [holder, partner],
      amounts: { change: -RULES.cohesion.indoPacificRaise, cohesion: h.cohesion },
      concept: 'twoFront',
    });
  }
}

function applyRider(
  tx: Tx,
  offer: OfferState,
  rider: OfferState['riders'][number],
  level: number,
): void {
  const { state } = tx;
  const tie = ensureTie(state, offer.from, offer.to);
  const from = state.actors[offer.from]!;
  const to = state.actors[offer.to]!;
  const other = (id: string) => (id === offer.from ? to : from);
  const amounts: Record<string, number> = {};
  switch (rider.kind) {
    case 'trade':
    case 'baseAccess':
      tie.riders.push({ rider, from: offer.from, level });
      break;
    case 'armsSale': {
      const buyer = other(rider.seller);
      buyer.power = Math.min(RULES.powerMax, buyer.power + RULES.riders.armsSalePower);
      amounts.power = RULES.riders.armsSalePower;
      tie.riders.push({ rider, from: offer.from, level });
      break;
    }
    case 'training': {
      const receiver = other(rider.trainer);
      receiver.security = Math.min(
        RULES.trackMax,
        receiver.security + RULES.riders.trainingSecurity,
      );
      amounts.security = RULES.riders.trainingSecurity;
      tie.riders.push({ rider, from: offer.from, level });
      break;
    }
    case 'investment': {
      const paid = Math.min(rider.amount, from.wealth);
      from.wealth -= paid;
      to.wealth += paid;
      amounts.wealth = paid;
      break;
    }
    case 'unPledge':
      state.pledges.push({ by: offer.to, to: offer.from });
      break;
    case 'jointExercise':
      break;
  }
  emit(tx, {
    type: 'riderApplied',
    actors: [offer.from, offer.to],
    amounts,
    detail: { rider: rider.kind },
    ...(rider.kind === 'armsSale' || rider.kind === 'training' || rider.kind === 'baseAccess'
      ? { concept: 'diversification' as const }
      : {}),
  });
}
