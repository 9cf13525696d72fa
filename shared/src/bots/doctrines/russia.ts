import { ALLIANCE, PARTNERSHIP } from '../../vocabulary.ts';
import { guardianVote } from '../council.ts';
import {
  baseDoctrine,
  type Doctrine,
  deployOrders,
  honours,
  investOrders,
  offer,
  order,
  preparations,
  raiseOffer,
  TENSION_RESTRAINT,
  weighCall,
  weighedAnswers,
} from '../doctrine.ts';
import { influenceRegions, others, type Situation, shown } from '../situation.ts';

/** Partners Russia already leans on, the closest first: the ones worth binding by treaty. */
function bloc(s: Situation): string[] {
  return others(s)
    .filter((p) => shown(s, p) >= PARTNERSHIP)
    .sort((a, b) => shown(s, b) - shown(s, a));
}

/**
 * Russia (the article): a power that wants firm commitments around it seeks
 * treaties, uses force in its neighbourhood, presses the crises it starts
 * and sponsors its bloc with arms, aid and help when called.
 */
export const russia: Doctrine = {
  ...baseDoctrine,
  id: 'russia',
  name: 'Commitments and force',
  why: 'A state that feels encircled wants binding commitments and backs them with force.',
  acceptOffer() {
    return true;
  },
  answer(s, crisis, call) {
    // Honour calls near home with more Power, unless the stake is low and
    // every cost applies (Armenia's call in 2022, with the army in Ukraine);
    // further afield, weigh the stake against the cost (a bloc is kept: a
    // treaty is abandoned only when every cost applies).
    const near = influenceRegions(s).includes(crisis.region) || s.def.home === crisis.region;
    const w = weighCall(s, crisis, call);
    if (near && !(w.lowStake && w.costs >= 3))
      return [...honours(s, call, 2), ...baseDoctrine.answer(s, crisis, call)];
    return weighedAnswers(s, crisis, call, { power: 1, abandonAt: 3, honourOthers: true });
  },
  press(s) {
    // Force, but not a great-power war: that ends the match with Russia ranked last.
    if (s.state.tension >= TENSION_RESTRAINT) return { press: false, power: 0 };
    const power = Math.min(2, s.powerLeft);
    return power > 0 ? { press: true, power } : { press: false, power: 0 };
  },
  vote(s, crisis) {
    // Shield itself, its bloc and its neighbourhood from the Council.
    return guardianVote(s, crisis);
  },
  mandate() {
    return 'stretch';
  },
  lowers() {
    // Commitments are kept: Russia does not scale back a tie with a partner at war.
    return [];
  },
  initiatives(s) {
    const partners = bloc(s);
    const toTreaty = partners
      .filter((p) => shown(s, p) < ALLIANCE)
      .map((p) => raiseOffer(s, p, [{ kind: 'armsSale', seller: s.seat }]));
    const neighbourhood = influenceRegions(s);
    const inCrisis = s.state.crises
      .filter((c) => c.live && c.parties.some((p) => partners.includes(p)))
      .map((c) => c.parties.find((p) => partners.includes(p))!);
    return [
      ...preparations(s, () => true),
      ...toTreaty.slice(0, 2),
      ...deployOrders(s, neighbourhood.slice(0, 2), 2),
      ...inCrisis.map((to) => order(s, { kind: 'aid', to, amount: Math.min(2, s.wealthLeft) })),
      ...investOrders(s, neighbourhood.slice(0, 2)),
      ...toTreaty.slice(2),
      ...others(s)
        .filter((p) => shown(s, p) < PARTNERSHIP)
        .map((p) => raiseOffer(s, p)),
      ...partners.map((p) => offer(s, p, false, [{ kind: 'armsSale', seller: s.seat }])),
    ];
  },
};
