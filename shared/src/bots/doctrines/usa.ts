import { areRivals } from '../../ctx.ts';
import { ALLIANCE } from '../../vocabulary.ts';
import {
  baseDoctrine,
  type Doctrine,
  deployOrders,
  honours,
  investOrders,
  order,
  raiseOffer,
  refusal,
} from '../doctrine.ts';
import { influenceRegions, others, type Situation, shown, warMakers } from '../situation.ts';

/** Actors at home in the regions the seat's goals contest (the Indo-Pacific on the main map). */
function contestedPartners(s: Situation): string[] {
  const regions = new Set(influenceRegions(s));
  return others(s).filter((p) => regions.has(s.ctx.actor[p]!.home) && !areRivals(s.ctx, s.seat, p));
}

/**
 * The United States and NATO (the article): an alliance system lives on
 * credibility, so it keeps and honours every treaty, builds partnerships in
 * the Indo-Pacific against its rival, and answers a rival's aggression with
 * sanctions rather than war.
 */
export const usa: Doctrine = {
  ...baseDoctrine,
  id: 'usa',
  name: 'Treaties kept, partners in the Indo-Pacific',
  why: 'An alliance system is only as strong as the belief that its leader will honour it.',
  acceptOffer(s, o) {
    return !areRivals(s.ctx, s.seat, o.from);
  },
  answer(s, crisis, call) {
    if (call.treaty) return [...honours(s, call, 2), refusal(s, call)];
    // A partner in the contested region is honoured too; elsewhere it hedges.
    const contested = influenceRegions(s).includes(crisis.region);
    return contested ? [...honours(s, call, 1), refusal(s, call)] : [refusal(s, call)];
  },
  vote(s, crisis) {
    return crisis.instigator && areRivals(s.ctx, s.seat, crisis.instigator) ? 'yes' : 'abstain';
  },
  initiatives(s) {
    const partners = contestedPartners(s).sort((a, b) => shown(s, b) - shown(s, a));
    const raises = partners.filter((p) => shown(s, p) < ALLIANCE).map((p) => raiseOffer(s, p));
    const regions = influenceRegions(s);
    // Sanctions answer aggression: a rival that has started a live crisis is sanctioned first.
    const aggressors = (s.ctx.rivalsOf[s.seat] ?? []).filter((r) => warMakers(s).has(r));
    return [
      ...aggressors.map((target) => order(s, { kind: 'sanction', target })),
      ...raises.slice(0, 2),
      ...investOrders(s, regions.slice(0, 2)),
      ...deployOrders(s, regions.slice(0, 1), 1),
      ...raises.slice(2),
      ...investOrders(s, regions.slice(2, 4)),
    ];
  },
};
