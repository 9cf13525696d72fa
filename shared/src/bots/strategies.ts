import type { SeatCommand } from '../commands/schema.ts';
import { ALLIANCE, DIALOGUE, PARTNERSHIP, STRATEGIC } from '../vocabulary.ts';
import {
  baseDoctrine,
  type Doctrine,
  honours,
  investOrders,
  mediations,
  offer,
  raiseOffer,
  refusal,
} from './doctrine.ts';
import {
  globalSouth,
  greatPowers,
  influenceRegions,
  others,
  own,
  type Situation,
  shown,
  warMakers,
} from './situation.ts';

/**
 * Pure strategies for the strategy harness (`npm run strategies`,
 * docs/balance.md): one way of handling ties and calls, played by any seat.
 * They differ only in whom they tie to, how far, and how they answer calls;
 * what they do with the rest of their action points is the same for all
 * (mediate, then invest where their goals want influence, or at home), so
 * that the harness compares ways of aligning, not economies.
 */
export type StrategyId = 'hermit' | 'flexible' | 'loyal' | 'treaties' | 'freeRider';

export const STRATEGY_IDS: readonly StrategyId[] = [
  'hermit',
  'flexible',
  'loyal',
  'treaties',
  'freeRider',
];

export interface Strategy extends Doctrine {
  strategy: StrategyId;
}

/**
 * The part every strategy shares: mediate, then invest where the seat's goals
 * want influence. Wealth no goal asks to spend is kept: it pays for packages
 * and answers, and investing it at home took the action points ties need.
 */
function groundwork(s: Situation) {
  const regions = influenceRegions(s);
  return [...mediations(s), ...(regions.length > 0 ? investOrders(s, regions) : [])];
}

/** Two raises, then the groundwork, then the other raises: ties first, but not ties only. */
function raisesFirst(s: Situation, raises: SeatCommand[]): SeatCommand[] {
  return [...raises.slice(0, 2), ...groundwork(s), ...raises.slice(2)];
}

/** Trade deals offered to every partner (a tie at partnership or more). */
function tradeOffers(s: Situation): SeatCommand[] {
  return others(s)
    .filter((p) => shown(s, p) >= PARTNERSHIP)
    .map((p) => offer(s, p, false, [{ kind: 'trade' }]));
}

/** Candidates for ties, the closest first: great powers and Global South states, then everyone. */
function byCloseness(s: Situation, candidates: string[]): string[] {
  return [...candidates].sort((a, b) => shown(s, b) - shown(s, a));
}

function strategy(
  id: StrategyId,
  name: string,
  why: string,
  rest: Partial<Doctrine> & Pick<Doctrine, 'initiatives'>,
): Strategy {
  return { ...baseDoctrine, id: `strategy:${id}`, strategy: id, name, why, ...rest };
}

/** No partners at all: refuses every offer, drops every tie it holds, never answers a call. */
const hermit = strategy(
  'hermit',
  'Hermit',
  'Refuses and drops every tie: no partner can drag it into a war.',
  {
    acceptOffer: () => false,
    acceptInvitation: () => false,
    answer: (s, _crisis, call) => [refusal(s, call)],
    lowers: (s) => others(s).filter((p) => own(s, p) >= DIALOGUE),
    initiatives: groundwork,
  },
);

/**
 * The article's China: partnerships with many, never a treaty; hedges calls
 * far from home, honours cheaply at home, and scales back a partner that
 * starts a war.
 */
const flexible = strategy(
  'flexible',
  'Flexible partner',
  'Partnerships with many, treaties with none; scales back in crises.',
  {
    acceptOffer: (s, o) =>
      !(o.raise && (shown(s, o.from) + 1 >= ALLIANCE || warMakers(s).has(o.from))),
    answer(s, crisis, call) {
      const atHome = crisis.region === s.def.home || call.stake === 'high';
      if (atHome || call.treaty) return [...honours(s, call, 1), refusal(s, call)];
      return [refusal(s, call)];
    },
    lowers: (s) =>
      [...warMakers(s)].filter(
        (p) => p !== s.seat && own(s, p) >= DIALOGUE && own(s, p) < ALLIANCE,
      ),
    initiatives(s) {
      // Partnerships with many: every state not making war, up to strategic, the
      // closest first; then trade with the partners it has (access, not obligation).
      const raises = byCloseness(
        s,
        others(s).filter((p) => shown(s, p) < STRATEGIC && !warMakers(s).has(p)),
      ).map((p) => raiseOffer(s, p));
      return [...raisesFirst(s, raises), ...tradeOffers(s)];
    },
  },
);

/** Honours every call with as much Power as it can spare; accepts every offer; keeps every tie. */
const loyal = strategy(
  'loyal',
  'Loyal ally',
  'Honours every call: a partner that always comes is a partner worth having.',
  {
    acceptOffer: () => true,
    answer: (s, _crisis, call) => [...honours(s, call, 2), refusal(s, call)],
    initiatives(s) {
      const partners = others(s).filter(
        (p) => shown(s, p) >= PARTNERSHIP && shown(s, p) < ALLIANCE,
      );
      return [
        ...byCloseness(s, partners)
          .slice(0, 1)
          .map((p) => raiseOffer(s, p)),
        ...groundwork(s),
        ...byCloseness(s, partners)
          .slice(1)
          .map((p) => raiseOffer(s, p)),
      ];
    },
  },
);

/** Seeks alliances: raises its closest ties toward treaty level and keeps the treaties it makes. */
const treaties = strategy(
  'treaties',
  'Treaty builder',
  'Binds partners by treaty: deterrence that nobody doubts.',
  {
    acceptOffer: () => true,
    answer: (s, _crisis, call) =>
      call.treaty || call.asked ? [...honours(s, call, 2), refusal(s, call)] : [refusal(s, call)],
    initiatives(s) {
      // Treaties with friends, not rivals: an alliance offer to a rival or to a
      // state making war is refused or drags it in, and costs the action points
      // its influence goals need.
      const raises = byCloseness(
        s,
        [...greatPowers(s), ...globalSouth(s), ...others(s)].filter(
          (p) =>
            shown(s, p) < ALLIANCE && !s.ctx.rivals.has(`${s.seat}|${p}`) && !warMakers(s).has(p),
        ),
      )
        .filter((p, i, all) => all.indexOf(p) === i)
        .map((p) => raiseOffer(s, p));
      return [...raises.slice(0, 1), ...groundwork(s), ...raises.slice(1)];
    },
  },
);

/** Takes every tie it is offered and asks for more, but never answers a call. */
const freeRider = strategy(
  'freeRider',
  'Free rider',
  'Takes every tie and every deal, and hedges every call.',
  {
    acceptOffer: () => true,
    answer: (s, _crisis, call) => [refusal(s, call)],
    initiatives(s) {
      const raises = byCloseness(
        s,
        others(s).filter((p) => shown(s, p) < ALLIANCE),
      ).map((p) => raiseOffer(s, p));
      return [...raisesFirst(s, raises), ...tradeOffers(s)];
    },
  },
);

export const STRATEGIES: Record<StrategyId, Strategy> = {
  hermit,
  flexible,
  loyal,
  treaties,
  freeRider,
};
