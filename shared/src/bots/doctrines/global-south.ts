import { isGreatPower } from '../../ctx.ts';
import { ALLIANCE, PARTNERSHIP, STRATEGIC } from '../../vocabulary.ts';
import { tiesVote } from '../council.ts';
import {
  baseDoctrine,
  type Doctrine,
  offer,
  preparations,
  raiseOffer,
  weighedAnswers,
} from '../doctrine.ts';
import { greatPowers, hasGoal, others, type Situation, shown } from '../situation.ts';

/**
 * States that want Security buy guarantees: one great power may take them to
 * treaty level. One that has walked out of a treaty (it entrapped them, or
 * would have) seeks no other.
 */
function seeksGuarantee(s: Situation): boolean {
  return hasGoal(s, 'trackAtLeast', 'security') && s.me.stats.abandoned === 0;
}

/** The guarantor: the great power it is already closest to. */
function guarantor(s: Situation): string | undefined {
  return [...greatPowers(s)].sort((a, b) => shown(s, b) - shown(s, a))[0];
}

function hasTreatyWithGreatPower(s: Situation): boolean {
  return greatPowers(s).some((p) => shown(s, p) >= ALLIANCE);
}

/** The seat's lever, used where it helps: summits, BRICS, drills, mediators, blocs. */
function leverInvitations(s: Situation) {
  const lever = s.def.seat?.lever;
  if (!lever) return [];
  const gps = greatPowers(s);
  const seats = s.state.seats.filter((x) => x !== s.seat);
  const stamp = s.stamp;
  switch (lever.kind) {
    case 'convenesSummit':
      return [
        {
          kind: 'invite' as const,
          ...stamp,
          invitation: 'summit' as const,
          invitees: seats.slice(0, 4),
        },
      ];
    case 'leadsBrics':
      return [
        {
          kind: 'invite' as const,
          ...stamp,
          invitation: 'brics' as const,
          invitees: seats.slice(0, 4),
        },
      ];
    case 'hostsDrill':
      return gps
        .filter((p) => s.state.seats.includes(p))
        .sort((a, b) => shown(s, b) - shown(s, a))
        .slice(0, 1)
        .map((p) => ({
          kind: 'invite' as const,
          ...stamp,
          invitation: 'drill' as const,
          invitees: [p],
        }));
    case 'choosesMediators':
      return s.state.crises
        .filter((c) => c.live && s.ctx.card[c.card]!.mediatorsChosenBy?.includes(s.seat))
        .map((c) => ({
          kind: 'invite' as const,
          ...stamp,
          invitation: 'mediation' as const,
          invitees: seats.filter((x) => isGreatPower(s.ctx, x)).slice(0, 2),
          crisis: c.uid,
        }));
    case 'invitesBloc':
      return s.state.crises
        .filter((c) => c.live && s.ctx.card[c.card]!.blocInviteBy === s.seat && !c.blocInvited)
        .map((c) => ({
          kind: 'invite' as const,
          ...stamp,
          invitation: 'bloc' as const,
          invitees: [s.ctx.institution[lever.blocs.at(-1)!]!.leader],
          crisis: c.uid,
          bloc: lever.blocs.at(-1)!,
        }));
    default:
      return [];
  }
}

/**
 * Global South states (the article): they hedge between the great powers,
 * taking partnerships with several and fighting for none, welcome
 * investment, and some — those that need Security — seek one guarantor.
 */
export const globalSouthDoctrine: Doctrine = {
  ...baseDoctrine,
  id: 'globalSouth',
  name: 'Hedging and development',
  why: 'Middle states gain most by being courted by every great power and bound to none.',
  acceptOffer(s, o) {
    if (!o.raise) return true;
    if (o.riders.some((r) => r.kind === 'investment')) return true;
    const after = shown(s, o.from) + 1;
    if (after < ALLIANCE) return true;
    // A treaty only as a guarantee, from a great power, and only one.
    return seeksGuarantee(s) && isGreatPower(s.ctx, o.from) && !hasTreatyWithGreatPower(s);
  },
  answer(s, crisis, call) {
    // Fight only for a crisis at home; treaties are kept, guardedly when the
    // stake is low and a cost weighs, and abandoned when two costs do.
    return weighedAnswers(s, crisis, call, {
      power: 1,
      abandonAt: 2,
      honourOthers: crisis.region === s.def.home,
    });
  },
  vote(s, crisis) {
    return tiesVote(s, crisis);
  },
  initiatives(s) {
    // Hedge: the great power it is least tied to first, so partnerships spread.
    const gps = greatPowers(s)
      .filter((p) => shown(s, p) < STRATEGIC)
      .sort((a, b) => shown(s, a) - shown(s, b));
    const guarantee: ReturnType<typeof offer>[] = [];
    const g = guarantor(s);
    if (seeksGuarantee(s) && g && !hasTreatyWithGreatPower(s)) {
      guarantee.push(
        shown(s, g) >= STRATEGIC
          ? raiseOffer(s, g, [{ kind: 'training', trainer: g }])
          : offer(s, g, false, [{ kind: 'training', trainer: g }]),
      );
    }
    const widen = others(s)
      .filter((p) => !isGreatPower(s.ctx, p) && shown(s, p) < PARTNERSHIP)
      .sort((a, b) => shown(s, b) - shown(s, a))
      .map((p) => raiseOffer(s, p));
    return [
      ...preparations(s, () => true),
      ...gps.map((p) => raiseOffer(s, p)),
      ...leverInvitations(s),
      ...guarantee,
      ...widen,
    ];
  },
};
