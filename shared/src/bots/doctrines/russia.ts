import { ALLIANCE, PARTNERSHIP } from '../../vocabulary.ts';
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
    // Honour every call, with more Power near home.
    const near = influenceRegions(s).includes(crisis.region) || s.def.home === crisis.region;
    return [...honours(s, call, near ? 2 : 1), ...baseDoctrine.answer(s, crisis, call)];
  },
  press(s) {
    // Force, but not a great-power war: that ends the match with Russia ranked last.
    if (s.state.tension >= TENSION_RESTRAINT) return { press: false, power: 0 };
    const power = Math.min(2, s.powerLeft);
    return power > 0 ? { press: true, power } : { press: false, power: 0 };
  },
  vote(s, crisis) {
    // Shield itself and its bloc from the Council.
    const mine = crisis.parties.some((p) => p === s.seat || shown(s, p) >= PARTNERSHIP);
    return mine ? 'veto' : 'abstain';
  },
  mandate() {
    return 'stretch';
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
