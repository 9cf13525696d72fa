import type { Answer, SeatCommand } from '../commands/schema.ts';
import { rivalPresent } from '../crisis.ts';
import { isGreatPower } from '../ctx.ts';
import type { DeepReadonly } from '../readonly.ts';
import type { CallState, CrisisState, InvitationState, OfferState } from '../state.ts';
import { ALLIANCE, DIALOGUE, PARTNERSHIP, STRATEGIC } from '../vocabulary.ts';
import { own, type Situation, shown } from './situation.ts';

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
  answer(s: Situation, crisis: DeepReadonly<CrisisState>, call: DeepReadonly<CallState>): Answer[];
  press(s: Situation, crisis: DeepReadonly<CrisisState>): { press: boolean; power: number };
  vote(s: Situation, crisis: DeepReadonly<CrisisState>): 'yes' | 'abstain' | 'veto';
  mandate(s: Situation, crisis: DeepReadonly<CrisisState>): 'limit' | 'stretch' | 'standDown';
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
function sideOf(s: Situation, call: DeepReadonly<CallState>): 'attack' | 'defence' {
  if (call.side !== 'either') return call.side;
  const best = [...call.callers].sort((a, b) => shown(s, b.party) - shown(s, a.party))[0];
  return best?.side ?? 'defence';
}

/** Honouring with as much Power as the doctrine wants and the seat has, then cheaper ways. */
export function honours(s: Situation, call: DeepReadonly<CallState>, power: number): Answer[] {
  const side = sideOf(s, call);
  const out: Answer[] = [];
  for (let p = Math.min(power, s.powerLeft + 3); p >= 1; p--)
    out.push({ kind: 'honour', side, power: p, wealth: 0 });
  out.push({ kind: 'honour', side, power: 0, wealth: 2 });
  out.push({ kind: 'honour', side, power: 0, wealth: 1 });
  return out;
}

/** The cheapest way out: hedge when allowed, otherwise (a treaty call) abandon. */
export function refusal(s: Situation, call: DeepReadonly<CallState>): Answer {
  return {
    kind: call.treaty ? 'abandon' : 'hedge',
    side: sideOf(s, call),
    power: 0,
    wealth: 0,
  };
}

/**
 * What answering a call would cost the seat against what it has at stake. An
 * entrapment looms when its own stake is low (honouring then entraps it);
 * each of these makes the cost high:
 * - the fight is **not its own**: the partner it would fight for started
 *   the crisis, or the foe it would face is a state it keeps ties with
 *   (dialogue or closer), so honouring costs it a relationship;
 * - it is **short or outmatched**: at most 1 Power left this round,
 *   **engaged elsewhere** (a party to another live crisis, its forces
 *   committed there: Russia in Ukraine when Armenia called in 2022), or, for
 *   a state that is not a great power, the foe is one;
 * - it is **strained**: already entangled, or (for a great power, whose
 *   entrapment raises Tension) Tension stands at the restraint line.
 */
export interface CallWeight {
  lowStake: boolean;
  partnerStarted: boolean;
  /** How many of the three costs apply (0 to 3). */
  costs: number;
}

/** The parties on the other side of a call: those the seat would fight if it honoured. */
function foesOf(crisis: DeepReadonly<CrisisState>, side: 'attack' | 'defence'): string[] {
  if (side === 'defence') return crisis.instigator ? [crisis.instigator] : [];
  return crisis.parties.filter((p) => p !== crisis.instigator);
}

/** Whether the seat is a party to another live crisis (its own forces are engaged there). */
function engagedElsewhere(s: Situation, crisis: DeepReadonly<CrisisState>): boolean {
  return s.state.crises.some((c) => c.uid !== crisis.uid && c.live && c.parties.includes(s.seat));
}

export function weighCall(
  s: Situation,
  crisis: DeepReadonly<CrisisState>,
  call: DeepReadonly<CallState>,
): CallWeight {
  const side = sideOf(s, call);
  const partnerStarted =
    side === 'attack' && crisis.instigator !== null && crisis.instigator !== s.seat;
  const foes = foesOf(crisis, side).filter((f) => f !== s.seat);
  const greatPower = isGreatPower(s.ctx, s.seat);
  const notOwnFight = partnerStarted || foes.some((f) => shown(s, f) >= DIALOGUE);
  const shortOrOutmatched =
    s.powerLeft <= 1 ||
    engagedElsewhere(s, crisis) ||
    (!greatPower && foes.some((f) => isGreatPower(s.ctx, f)));
  const strained = s.me.entangled > 0 || (greatPower && s.state.tension >= TENSION_RESTRAINT);
  const costs = [notOwnFight, shortOrOutmatched, strained].filter(Boolean).length;
  return { lowStake: call.stake === 'low', partnerStarted, costs };
}

/**
 * Honouring at the least cost short of refusing: only if the instigator
 * presses (a conditional commitment, legal where the instigator is a seat),
 * then with Wealth rather than Power.
 */
function guardedHonours(s: Situation, call: DeepReadonly<CallState>): Answer[] {
  const side = sideOf(s, call);
  return [
    { kind: 'honourIfPressed', side, power: 1, wealth: 0 },
    { kind: 'honourIfPressed', side, power: 0, wealth: 2 },
    { kind: 'honour', side, power: 0, wealth: 2 },
  ];
}

/**
 * A call weighed, stake against cost (docs/bots.md): honoured with up to
 * `power` when the stake is not low or nothing makes it costly; with a low
 * stake and a cost, hedged where the call allows it and otherwise (a treaty)
 * honoured guardedly; a treaty call abandoned when the stake is low and
 * `abandonAt` costs apply. `honourOthers` says whether a call that is not a
 * treaty call is worth honouring at all; an ally's ask is, when the stake is not low.
 */
export function weighedAnswers(
  s: Situation,
  crisis: DeepReadonly<CrisisState>,
  call: DeepReadonly<CallState>,
  { power, abandonAt, honourOthers }: { power: number; abandonAt: number; honourOthers: boolean },
): Answer[] {
  const w = weighCall(s, crisis, call);
  const costly = w.lowStake && w.costs >= 1;
  // A treaty ally's ask for its own operation binds nothing: worth it when the stake is not low.
  const worth = honourOthers || (call.asked && !w.lowStake);
  if (!call.treaty)
    return worth && !costly ? [...honours(s, call, power), refusal(s, call)] : [refusal(s, call)];
  if (w.lowStake && w.costs >= abandonAt) return [refusal(s, call)];
  if (costly) return [...guardedHonours(s, call), ...honours(s, call, 1), refusal(s, call)];
  return [...honours(s, call, power), refusal(s, call)];
}

/**
 * Scaling back: partners that started a live crisis in which they call this
 * seat to their side with its stake low (an entrapment looming) and a
 * second cost weighing (little Power left, entangled, Tension at the
 * restraint line), where the seat's own tie is at least `from` and below a
 * treaty (lowering a treaty frozen by the crisis would be abandonment). The
 * tie drops one level.
 */
function scaleBacks(s: Situation, from = STRATEGIC): string[] {
  const out = new Set<string>();
  for (const crisis of s.state.crises) {
    const partner = crisis.instigator;
    if (!crisis.live || !partner || partner === s.seat) continue;
    const call = crisis.calls.find((c) => c.actor === s.seat);
    if (call?.stake !== 'low' || !call.callers.some((c) => c.party === partner)) continue;
    if (weighCall(s, crisis, call).costs < 2) continue;
    const level = own(s, partner);
    if (level >= from && level < ALLIANCE) out.add(partner);
  }
  return [...out];
}

/** Defaults most doctrines share: weigh calls, hedge elsewhere, scale back, abstain, limit, accept riders. */
export const baseDoctrine: Omit<Doctrine, 'id' | 'name' | 'why' | 'initiatives'> = {
  acceptOffer(s, o) {
    return !o.raise || shown(s, o.from) + 1 < ALLIANCE;
  },
  acceptInvitation() {
    return true;
  },
  answer(s, crisis, call) {
    return weighedAnswers(s, crisis, call, { power: 1, abandonAt: 2, honourOthers: false });
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
  lowers(s) {
    return scaleBacks(s);
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
