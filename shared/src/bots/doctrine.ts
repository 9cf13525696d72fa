import type { Answer, SeatCommand } from '../commands/schema.ts';
import { rivalPresent } from '../crisis.ts';
import type { CallState, CrisisState, InvitationState, OfferState } from '../state.ts';
import { ALLIANCE, PARTNERSHIP } from '../vocabulary.ts';
import { type Situation, shown } from './situation.ts';

type Order = Extract<SeatCommand, { kind: 'order' }>['order'];
type Rider = Extract<SeatCommand, { kind: 'offer' }>['riders'][number];

/**
 * A doctrine: how one kind of state plays, as preferences the bot turns into
 * legal commands. Every hook answers from the seat's Situation (its view)
 * and returns wishes in order; the bot keeps the first the engine accepts.
 */
export interface Doctrine {
  /** 'china', 'russia', 'usa', 'globalSouth', or a pure strategy's 'strategy:…' (strategies.ts). */
  id: string;
  name: string;
  /** The article's reason for playing this way, in one line. */
  why: string;
  acceptOffer(s: Situation, offer: OfferState): boolean;
  acceptInvitation(s: Situation, invitation: InvitationState): boolean;
  /** Answers to a call, most preferred first; the last should always be a cheap legal one. */
  answer(s: Situation, crisis: CrisisState, call: CallState): Answer[];
  press(s: Situation, crisis: CrisisState): { press: boolean; power: number };
  vote(s: Situation, crisis: CrisisState): 'yes' | 'abstain' | 'veto';
  mandate(s: Situation, crisis: CrisisState): 'limit' | 'stretch' | 'standDown';
  /** Partners to lower a tie with this round (free commands). */
  lowers(s: Situation): string[];
  /** Action-point spends, most wanted first (orders, offers, invitations). */
  initiatives(s: Situation): SeatCommand[];
}

export const order = (s: Situation, o: Order): SeatCommand => ({
  kind: 'order',
  ...s.stamp,
  order: o,
});

export function offer(s: Situation, to: string, raise: boolean, riders: Rider[] = []): SeatCommand {
  return { kind: 'offer', ...s.stamp, to, raise, riders, favour: false };
}

/** A raise with the riders that fit the level it would reach (trade needs partnership). */
export function raiseOffer(s: Situation, to: string, extra: Rider[] = []): SeatCommand {
  const after = shown(s, to) + 1;
  const riders: Rider[] = after >= PARTNERSHIP ? [{ kind: 'trade' }, ...extra] : extra;
  return offer(s, to, true, riders);
}

/** The side to take when called: the caller closest to this seat decides it. */
export function sideOf(s: Situation, call: CallState): 'attack' | 'defence' {
  if (call.side !== 'either') return call.side;
  const best = [...call.callers].sort((a, b) => shown(s, b.party) - shown(s, a.party))[0];
  return best?.side ?? 'defence';
}

/** Honouring with as much Power as the doctrine wants and the seat has, then cheaper ways. */
export function honours(s: Situation, call: CallState, power: number): Answer[] {
  const side = sideOf(s, call);
  const out: Answer[] = [];
  for (let p = Math.min(power, s.powerLeft + 3); p >= 1; p--)
    out.push({ kind: 'honour', side, power: p, wealth: 0 });
  out.push({ kind: 'honour', side, power: 0, wealth: 2 });
  out.push({ kind: 'honour', side, power: 0, wealth: 1 });
  return out;
}

/** The cheapest way out: hedge when allowed, otherwise (a treaty call) abandon. */
export function refusal(s: Situation, call: CallState): Answer {
  return {
    kind: call.treaty ? 'abandon' : 'hedge',
    side: sideOf(s, call),
    power: 0,
    wealth: 0,
  };
}

/** Defaults most doctrines share: honour treaties, hedge elsewhere, abstain, limit, accept riders. */
export const baseDoctrine: Omit<Doctrine, 'id' | 'name' | 'why' | 'initiatives'> = {
  acceptOffer(s, o) {
    return !o.raise || shown(s, o.from) + 1 < ALLIANCE;
  },
  acceptInvitation() {
    return true;
  },
  answer(s, _crisis, call) {
    return call.treaty ? [...honours(s, call, 1), refusal(s, call)] : [refusal(s, call)];
  },
  press() {
    return { press: false, power: 0 };
  },
  vote() {
    return 'abstain';
  },
  mandate() {
    return 'limit';
  },
  lowers() {
    return [];
  },
};

export function investOrders(s: Situation, regions: string[], max = 4): SeatCommand[] {
  const amount = Math.min(max, s.wealthLeft);
  if (amount < 2) return [];
  return regions.map((region) => order(s, { kind: 'invest', region, amount }));
}

/** Tension at which every doctrine stops adding to it: a great-power war ends the match and ranks its makers last. */
export const TENSION_RESTRAINT = 5;

export function deployOrders(s: Situation, regions: string[], power: number): SeatCommand[] {
  const p = Math.min(power, s.powerLeft);
  if (p < 1) return [];
  const restrained = s.state.tension >= TENSION_RESTRAINT;
  return regions
    .filter((region) => !restrained || !rivalPresent(s.ctx, s.state, s.seat, region))
    .map((region) => order(s, { kind: 'deploy', region, power: p }));
}

export function mediations(s: Situation): SeatCommand[] {
  return s.state.crises
    .filter((c) => c.live && !c.parties.includes(s.seat) && !c.mediators.includes(s.seat))
    .map((c) => order(s, { kind: 'mediate', crisis: c.uid }));
}

/** Prepare a held crisis card when the lever allows (the engine judges the timing). */
export function preparations(s: Situation, against: (card: string) => boolean): SeatCommand[] {
  return s.me.hand.filter(against).map((card) => order(s, { kind: 'prepare', card }));
}
