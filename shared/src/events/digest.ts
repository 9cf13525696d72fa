import { ctxOf } from '../ctx.ts';
import type { DeepReadonly } from '../readonly.ts';
import type { Scenario } from '../scenario/schema.ts';
import { describeEvent } from './describe.ts';
import type { EngineEvent, EventType } from './types.ts';

type Event = DeepReadonly<EngineEvent>;

/** How an event is put in words: the engine's English sentence, or the client's in the player's language. */
type EventWords = (scenario: Scenario, e: Event) => string;

/** The parts a round's account is grouped in: each crisis, the ties, the economy, the world. */
export type AccountPart = 'crisis' | 'ties' | 'economy' | 'world';

const TIES: readonly EventType[] = [
  'offerSent',
  'offerWithdrawn',
  'offerAnswered',
  'invitationSent',
  'invitationAnswered',
  'tieRaised',
  'tieLowered',
  'noticeGiven',
  'treatyEnded',
  'blocJoined',
  'blocLeft',
  'riderApplied',
  'exercise',
  'favourEarned',
  'favourRepaid',
  'grievance',
  'summit',
];
const ECONOMY: readonly EventType[] = [
  'income',
  'invested',
  'aided',
  'sanctioned',
  'secondarySanctions',
  'deployed',
  'isolation',
  'cohesion',
];

/** Which part of the account an event belongs to: a crisis's own events go with their crisis. */
export function accountPart(event: Event): AccountPart {
  if (TIES.includes(event.type)) return 'ties';
  if (ECONOMY.includes(event.type)) return 'economy';
  if (event.crisis) return 'crisis';
  return 'world';
}

export interface AccountGroup {
  part: AccountPart;
  /** The crisis's title, or the part's name. */
  title: string;
  crisis: string | null;
  lines: { text: string; type: EventType }[];
}

const PART_TITLES: Record<Exclude<AccountPart, 'crisis'>, string> = {
  ties: 'Ties and offers',
  economy: 'Economy',
  world: 'The world',
};

/**
 * A round's account grouped by crisis (in the order they first appear), then
 * ties, economy and the world. The ties a crisis freezes are one line for the
 * crisis instead of one line each.
 */
export function groupAccount(
  scenario: Scenario,
  events: readonly Event[],
  words: EventWords = describeEvent,
): AccountGroup[] {
  const ctx = ctxOf(scenario);
  const groups = new Map<string, AccountGroup>();
  const frozen = new Map<string, string[]>();
  const group = (key: string, part: AccountPart, title: string, crisis: string | null) => {
    let g = groups.get(key);
    if (!g) {
      g = { part, title, crisis, lines: [] };
      groups.set(key, g);
    }
    return g;
  };
  for (const e of events) {
    const part = accountPart(e);
    const g =
      part === 'crisis'
        ? group(`crisis:${e.crisis}`, part, ctx.card[e.card ?? '']?.title ?? 'A crisis', e.crisis!)
        : group(part, part, PART_TITLES[part], null);
    if (e.type === 'tieFrozen' && e.crisis) {
      const pairs = frozen.get(e.crisis) ?? [];
      if (pairs.length === 0) g.lines.push({ text: '', type: 'tieFrozen' });
      pairs.push(e.actors.map((a) => ctx.actor[a]?.short ?? a).join('–'));
      frozen.set(e.crisis, pairs);
      continue;
    }
    g.lines.push({ text: words(scenario, e), type: e.type });
  }
  for (const g of groups.values()) {
    const pairs = g.crisis ? frozen.get(g.crisis) : undefined;
    const line = g.lines.find((l) => l.type === 'tieFrozen');
    if (pairs && line)
      line.text =
        pairs.length === 1
          ? `The tie ${pairs[0]} is frozen while this crisis is live.`
          : `${pairs.length} ties are frozen while this crisis is live: ${pairs.join(', ')}.`;
  }
  const order: AccountPart[] = ['crisis', 'ties', 'economy', 'world'];
  return [...groups.values()].sort((a, b) => order.indexOf(a.part) - order.indexOf(b.part));
}

/** How much an event of each kind matters to the seat it names: what "what happened to you" shows first. */
const WEIGHT: Partial<Record<EventType, number>> = {
  greatPowerWar: 100,
  entrapment: 90,
  abandonment: 90,
  treatyEnded: 80,
  crisisWon: 70,
  crisisHeld: 70,
  stalemate: 70,
  crisisDefused: 65,
  sharedFailure: 65,
  sharedSuccess: 60,
  tieRaised: 60,
  tieLowered: 60,
  blocJoined: 60,
  blocLeft: 60,
  noticeGiven: 55,
  sanctioned: 55,
  secondarySanctions: 55,
  isolation: 55,
  grievance: 50,
  quietExposed: 50,
  actedWithoutMandate: 50,
  mandateStretched: 50,
  favourEarned: 45,
  favourRepaid: 45,
  cohesion: 40,
  callHonoured: 40,
  callHedged: 40,
  callHollow: 40,
  riderApplied: 35,
  aided: 30,
  income: 30,
};

/**
 * The few events of a round that changed the seat's own tracks and ties,
 * most important first, in the engine's sentences; `more` counts the rest
 * of weight that name the seat.
 */
export function seatDigest(
  scenario: Scenario,
  events: readonly Event[],
  seat: string,
  limit = 5,
  words: EventWords = describeEvent,
): { lines: string[]; more: number } {
  const mine = events
    .map((e, i) => ({ e, i, weight: WEIGHT[e.type] ?? 0 }))
    .filter(({ e, weight }) => weight > 0 && concerns(e, seat));
  const ranked = [...mine].sort((a, b) => b.weight - a.weight || a.i - b.i).slice(0, limit);
  return {
    lines: ranked.sort((a, b) => a.i - b.i).map(({ e }) => words(scenario, e)),
    more: mine.length - ranked.length,
  };
}

/** Answers to calls are the answering seat's own: a caller reads them in the full account. */
const OWN_ANSWERS: readonly EventType[] = ['callHonoured', 'callHedged', 'callHollow'];

function concerns(event: Event, seat: string): boolean {
  return OWN_ANSWERS.includes(event.type) ? event.actors[0] === seat : event.actors.includes(seat);
}
