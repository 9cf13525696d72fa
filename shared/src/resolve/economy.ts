import type { Ctx } from '../ctx.ts';
import { RULES } from '../rules.ts';
import type { MatchState } from '../state.ts';
import { autonomyCap, forEachWorkingRider, tieLevel, tieList } from '../ties.ts';
import { emit, type Tx } from '../tx.ts';
import { addInfluence } from './presence.ts';

/** Step 7: investments, aid, sanctions, prepared cards, and the levers that gather followers (summits, bloc positions). */
export function applySpending(tx: Tx): void {
  const { ctx, state } = tx;
  for (const seat of state.seats) {
    const a = state.actors[seat]!;
    for (const order of state.drafts[seat]!.orders) {
      if (order.kind === 'invest') {
        const amount = Math.min(order.amount, a.wealth);
        if (amount < RULES.investAmount.min) continue;
        a.wealth -= amount;
        const gain = Math.floor(amount / RULES.investPerInfluence);
        addInfluence(tx, seat, order.region, gain);
        // Where two Global South states share a region, the one closest to the investor is the host.
        const hosts = (ctx.homeActors[order.region] ?? []).filter(
          (id) => ctx.actor[id]!.kind === 'globalSouth' && id !== seat,
        );
        const host = hosts.reduce<string | undefined>(
          (best, id) =>
            best === undefined || tieLevel(ctx, state, seat, id) > tieLevel(ctx, state, seat, best)
              ? id
              : best,
          undefined,
        );
        const hostGain = host && host !== seat ? Math.floor(amount / RULES.investHostShare) : 0;
        if (host && hostGain > 0) state.actors[host]!.wealth += hostGain;
        emit(tx, {
          type: 'invested',
          actors: host && hostGain > 0 ? [seat, host] : [seat],
          region: order.region,
          amounts: { wealth: amount, influence: gain, hostWealth: hostGain },
          concept: 'diversification',
        });
      } else if (order.kind === 'aid') {
        const amount = Math.min(order.amount, a.wealth);
        if (amount < RULES.aidAmount.min) continue;
        a.wealth -= amount;
        state.actors[order.to]!.wealth += amount;
        addInfluence(tx, seat, ctx.actor[order.to]!.home, RULES.aidInfluence);
        emit(tx, { type: 'aided', actors: [seat, order.to], amounts: { wealth: amount } });
      } else if (order.kind === 'prepare') {
        // The card leaves the hand now and is revealed with next round's news.
        a.hand = a.hand.filter((c) => c !== order.card);
        a.lastPrepared = state.round;
        state.prepared.push({ card: order.card, by: seat });
        emit(tx, { type: 'cardPrepared', actors: [seat], card: order.card, visibleTo: [seat] });
      } else if (order.kind === 'sanction') {
        state.sanctions.push({
          by: seat,
          target: order.target,
          rounds: RULES.sanctionRounds,
          since: state.round,
        });
        emit(tx, {
          type: 'sanctioned',
          actors: [seat, order.target],
          amounts: { rounds: RULES.sanctionRounds },
          concept: 'secondarySanctions',
        });
      }
    }
  }
  for (const inv of state.invitations) {
    const lever = ctx.actor[inv.from]!.seat?.lever;
    if (inv.kind === 'summit' && lever?.kind === 'convenesSummit') {
      for (const id of inv.accepted) {
        const x = state.actors[id]!;
        x.autonomy = Math.min(autonomyCap(ctx, state, id), x.autonomy + lever.autonomy);
      }
      if (inv.accepted.length > 0)
        state.actors[inv.from]!.reputation = Math.min(
          RULES.trackMax,
          state.actors[inv.from]!.reputation + RULES.summitReputation,
        );
      emit(tx, {
        type: 'summit',
        actors: [inv.from, ...inv.accepted],
        amounts: { autonomy: lever.autonomy },
      });
    } else if (inv.kind === 'brics' && lever?.kind === 'leadsBrics') {
      for (const id of [inv.from, ...inv.accepted]) state.actors[id]!.wealth += lever.wealth;
      emit(tx, {
        type: 'bricsPosition',
        actors: [inv.from, ...inv.accepted],
        amounts: { wealth: lever.wealth },
        detail: { bloc: lever.bloc },
        concept: 'institutions',
      });
    }
  }
}

/** One actor's income this round, part by part (docs/rules.md §12). */
export interface IncomeParts {
  base: number;
  /** What its ties and riders would bring before the cap. */
  partnersUncapped: number;
  /** What partners may add at most: a share of the base income. */
  partnersCap: number;
  /** What they add: the smaller of the two. */
  partners: number;
  /** Economic blocs with enough members seated. */
  blocs: number;
  /** Sanctions on it, sanctions it imposes and secondary sanctions (zero or less). */
  sanctions: number;
  /** The sum of the parts: what step 8 adds, after upkeep. */
  total: number;
}

/** What partners may add to an income at most (rounded up). */
export function partnerIncomeCap(baseIncome: number): number {
  return Math.ceil(RULES.partnerIncomeCap * Math.max(0, baseIncome));
}

/**
 * Every actor's income this round (docs/rules.md §6 step 8), part by part: base;
 * ties and riders, capped; +1 from each economic bloc with 3 members in play;
 * sanctions. One pass over the ties for all actors.
 */
export function incomeParts(ctx: Ctx, state: MatchState): Record<string, IncomeParts> {
  const parts: Record<string, IncomeParts> = {};
  for (const id of ctx.actorIds) {
    const a = state.actors[id]!;
    parts[id] = {
      base: a.income,
      partnersUncapped: 0,
      partnersCap: partnerIncomeCap(a.income),
      partners: 0,
      blocs: 0,
      sanctions: a.secondary > 0 ? -RULES.secondaryLoss : 0,
      total: 0,
    };
  }
  const fromPartners = (id: string, n: number) => {
    parts[id]!.partnersUncapped += n;
  };
  for (const tie of tieList(state)) {
    const fromLevel = RULES.tieIncome[tie.level] ?? 0;
    fromPartners(tie.a, fromLevel);
    fromPartners(tie.b, fromLevel);
    if (tie.riders.length === 0) continue;
    forEachWorkingRider(ctx, state, tie, (rider) => {
      if (rider.kind === 'trade') {
        fromPartners(tie.a, RULES.riders.tradeIncome);
        fromPartners(tie.b, RULES.riders.tradeIncome);
      } else if (rider.kind === 'armsSale') fromPartners(rider.seller, RULES.riders.armsSaleIncome);
      else if (rider.kind === 'baseAccess')
        fromPartners(rider.guest === tie.a ? tie.b : tie.a, RULES.riders.baseIncome);
    });
  }
  for (const s of state.sanctions) {
    parts[s.target]!.sanctions -= RULES.sanctionTargetLoss;
    parts[s.by]!.sanctions -= RULES.sanctionSelfLoss;
  }
  for (const bloc in state.blocs) {
    if (ctx.institution[bloc]?.kind !== 'economic') continue;
    const members = state.blocs[bloc]!;
    if (members.filter((m) => state.seats.includes(m)).length >= RULES.economicBloc.seats)
      for (const m of members) parts[m]!.blocs += RULES.economicBloc.income;
  }
  for (const p of Object.values(parts)) {
    p.partners = Math.min(p.partnersUncapped, p.partnersCap);
    p.total = p.base + p.partners + p.blocs + p.sanctions;
  }
  return parts;
}

/** Upkeep on Wealth held (RULES.upkeepPer: half, rounded down): idle money costs, so it is spent or it shrinks. */
export function upkeepOn(wealth: number): number {
  return Math.floor(Math.max(0, wealth) / RULES.upkeepPer);
}

/** Step 8: upkeep on what is held, then income, for every actor; Wealth never falls below 0. */
export function applyIncome(tx: Tx): void {
  const { ctx, state } = tx;
  const all = incomeParts(ctx, state);
  for (const id of ctx.actorIds) {
    const a = state.actors[id]!;
    const upkeep = upkeepOn(a.wealth);
    const income = all[id]!.total;
    a.wealth = Math.max(0, a.wealth - upkeep + income);
    if (a.seat)
      emit(tx, { type: 'income', actors: [id], amounts: { income, upkeep, wealth: a.wealth } });
  }
}
