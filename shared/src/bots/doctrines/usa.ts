import { areRivals } from '../../ctx.ts';
import { ALLIANCE } from '../../vocabulary.ts';
import { allianceLeaderMandate, allianceLeaderVote } from '../council.ts';
import {
  baseDoctrine,
  type Doctrine,
  deployOrders,
  investOrders,
  order,
  raiseOffer,
  weighedAnswers,
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
    // Treaties are honoured with 2 Power, guardedly when the stake is low and
    // a cost weighs, and abandoned only when every cost applies. A partner in
    // the contested region is honoured too (unless costly); elsewhere it hedges.
    const contested = influenceRegions(s).includes(crisis.region);
    return weighedAnswers(s, crisis, call, {
      power: call.treaty ? 2 : 1,
      abandonAt: 3,
      honourOthers: contested,
    });
  },
  vote(s, crisis) {
    return allianceLeaderVote(s, crisis);
  },
  mandate(s, crisis) {
    return allianceLeaderMandate(s, crisis, influenceRegions(s));
  },
  initiatives(s) {
    const partners = contestedPartners(s).sort((a, b) => shown(s, b) - shown(s, a));
    const raises = partners.filter((p) => shown(s, p) < ALLIANCE).map((p) => raiseOffer(s, p));
    const regions = influenceRegions(s);
    // Sanctions answer aggression: a rival that has started a live crisis is sanctioned,
    // once the partners and the contested regions have had their action points.
    const aggressors = (s.ctx.rivalsOf[s.seat] ?? []).filter((r) => warMakers(s).has(r));
    return [
      ...raises.slice(0, 2),
      ...investOrders(s, regions.slice(0, 2)),
      ...deployOrders(s, regions.slice(0, 1), 1),
      ...aggressors.map((target) => order(s, { kind: 'sanction', target })),
      ...raises.slice(2),
      ...investOrders(s, regions.slice(2, 4)),
    ];
  },
};
