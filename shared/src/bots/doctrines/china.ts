import { ALLIANCE, DIALOGUE, STRATEGIC } from '../../vocabulary.ts';
import { guardianVote } from '../council.ts';
import {
  baseDoctrine,
  type Doctrine,
  honours,
  investOrders,
  mediations,
  offer,
  raiseOffer,
  refusal,
  weighCall,
} from '../doctrine.ts';
import {
  globalSouth,
  influenceRegions,
  others,
  own,
  type Situation,
  shown,
  warMakers,
} from '../situation.ts';

/** Raises that stop short of a treaty: a partnership may rise to strategic, never to alliance. */
function partnershipRaises(s: Situation, partners: string[]): ReturnType<typeof raiseOffer>[] {
  return partners
    .filter((p) => shown(s, p) + 1 < ALLIANCE && !warMakers(s).has(p))
    .sort((a, b) => shown(s, b) - shown(s, a))
    .map((p) => raiseOffer(s, p));
}

/**
 * China (the article): partnerships give access and influence without the
 * obligation to fight, so it collects strategic partnerships, refuses
 * treaties, backs away from a partner that starts a war, spreads across the
 * Global South with trade and investment, and mediates to build standing.
 */
export const china: Doctrine = {
  ...baseDoctrine,
  id: 'china',
  name: 'Partnerships without treaties',
  why: 'Alliances entrap; partnerships bring access without the duty to fight.',
  acceptOffer(s, o) {
    // Never rise to treaty level, nor warm to a partner that is making war.
    if (o.raise && shown(s, o.from) + 1 >= ALLIANCE) return false;
    if (o.raise && warMakers(s).has(o.from)) return false;
    return true;
  },
  answer(s, crisis, call) {
    // Other calls are hedged. An old treaty is kept cheaply (abandoning costs
    // standing), unless its stake is low and two costs weigh on it.
    if (!call.treaty) return [refusal(s, call)];
    const w = weighCall(s, crisis, call);
    if (w.lowStake && w.costs >= 2) return [refusal(s, call)];
    return [...honours(s, call, 0), refusal(s, call)];
  },
  vote(s, crisis) {
    return guardianVote(s, crisis);
  },
  mandate() {
    return 'limit';
  },
  lowers(s) {
    // Scale back: a non-treaty tie with a partner that instigates a live crisis drops a level.
    return [...warMakers(s)].filter(
      (p) => p !== s.seat && own(s, p) >= DIALOGUE && own(s, p) < ALLIANCE,
    );
  },
  initiatives(s) {
    const south = globalSouth(s);
    const investPackage = Math.min(2, Math.max(0, s.wealthLeft - 4));
    // Diversify: Global South partners first, with an investment package when Wealth allows.
    const southOffers = south
      .filter((p) => shown(s, p) < STRATEGIC && !warMakers(s).has(p))
      .sort((a, b) => shown(s, b) - shown(s, a))
      .map((p) =>
        investPackage > 0
          ? raiseOffer(s, p, [{ kind: 'investment', amount: investPackage }])
          : raiseOffer(s, p),
      );
    const southHomes = influenceRegions(s).filter((r) =>
      south.some((p) => s.ctx.actor[p]!.home === r),
    );
    const regions = influenceRegions(s);
    return [
      ...mediations(s),
      ...southOffers.slice(0, 1),
      ...investOrders(s, southHomes.slice(0, 2)),
      ...investOrders(s, regions.slice(0, 3)),
      ...southOffers.slice(1),
      ...partnershipRaises(s, others(s)),
      ...south.map((p) => offer(s, p, false, [{ kind: 'trade' }])),
    ];
  },
};
