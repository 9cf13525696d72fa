import type { EngineEvent } from '../events/types.ts';
import { type Award, awards, type SeatScore, scoreMatch } from '../scoring.ts';
import type { MatchEnding } from '../state.ts';
import { ALLIANCE, CONCEPTS, type Concept } from '../vocabulary.ts';
import type { Replay, ReplayEvent } from './replay.ts';

/** A crisis card as the debrief quotes it. */
export interface DebriefCard {
  id: string;
  title: string;
  debrief: string;
}

/** One entrapment or abandonment, with the crisis that caused it. */
export interface CrisisMoment {
  type: 'entrapment' | 'abandonment';
  /** The entrapped actor, or the one who abandoned. */
  actor: string;
  /** The partner whose tie drew it in, or the partner abandoned. */
  partner: string;
  round: number;
  /** The timeline entry (for a link into the replay). */
  entry: number;
  /** Index in `replay.events`. */
  event: number;
  crisis: string | null;
  card: DebriefCard | null;
}

export interface Commitments {
  /** Offers this actor sent, and how many of them were accepted. */
  offersSent: number;
  offersAccepted: number;
  /** Ties raised to alliance (a treaty) with this actor as either party. */
  treatiesFormed: number;
  /** Treaty notices it gave (leaving a treaty or an alliance bloc the lawful way). */
  noticesGiven: number;
  /** Ties it lowered below treaty level. */
  tiesLowered: number;
  /** Commitments kept: treaty calls it honoured. */
  kept: number;
  /** Commitments broken: calls it abandoned. */
  broken: number;
}

export interface Calls {
  honoured: number;
  hedged: number;
  abandoned: number;
}

export interface ConceptShown {
  concept: Concept;
  /** Events that showed it. */
  events: number;
  /** The crisis cards involved: those of its events, and revealed cards that teach it. */
  cards: DebriefCard[];
}

export interface ActorDebrief {
  actor: string;
  commitments: Commitments;
  calls: Calls;
  /** Times it was entrapped. */
  entrapments: CrisisMoment[];
  /** Times it abandoned a partner, and times a partner abandoned it. */
  abandonments: { by: CrisisMoment[]; of: CrisisMoment[] };
  score: SeatScore | null;
  /** Concepts shown by events this actor took part in. */
  concepts: ConceptShown[];
}

export interface MatchDebrief {
  /** One per seat, in seat order. */
  actors: ActorDebrief[];
  /** Every concept the match showed, in the vocabulary's order. */
  concepts: ConceptShown[];
  awards: Award[];
  ending: MatchEnding | null;
}

/** The debrief of a replayed match, derived from its events and final state only. */
export function debrief(replay: Replay): MatchDebrief {
  const final = replay.finalState();
  const cardOf = crisisCards(replay);
  const scores = scoreMatch(replay.scenario, final);
  const moments = replay.events.flatMap((e, i) => moment(replay, e, i, cardOf));
  const actors = final.seats.map((actor): ActorDebrief => {
    const mine = (type: EngineEvent['type'], pos = 0) =>
      replay.events.filter((e) => e.event.type === type && e.event.actors[pos] === actor);
    const honoured = mine('callHonoured');
    const abandoned = moments.filter((m) => m.type === 'abandonment' && m.actor === actor);
    return {
      actor,
      commitments: {
        offersSent: mine('offerSent').length,
        // The answering side comes first in offerAnswered; the sender second.
        offersAccepted: mine('offerAnswered', 1).filter(
          (e) => e.event.detail?.answer === 'accepted',
        ).length,
        treatiesFormed: replay.events.filter(
          (e) =>
            e.event.type === 'tieRaised' &&
            (e.event.amounts?.to ?? 0) >= ALLIANCE &&
            e.event.actors.includes(actor),
        ).length,
        noticesGiven: mine('noticeGiven').length,
        tiesLowered: mine('tieLowered').length,
        kept: honoured.filter((e) => e.event.detail?.treaty === 'yes').length,
        broken: abandoned.length,
      },
      calls: {
        honoured: honoured.length,
        hedged: mine('callHedged').length,
        abandoned: abandoned.length,
      },
      entrapments: moments.filter((m) => m.type === 'entrapment' && m.actor === actor),
      abandonments: {
        by: abandoned,
        of: moments.filter((m) => m.type === 'abandonment' && m.partner === actor),
      },
      score: scores.find((s) => s.seat === actor) ?? null,
      concepts: conceptsShown(
        replay.events.filter((e) => e.event.actors.includes(actor)),
        replay,
        cardOf,
      ),
    };
  });
  return {
    actors,
    concepts: conceptsShown(replay.events, replay, cardOf),
    awards: awards(replay.scenario, final),
    ending: final.ending,
  };
}

/** Crisis uid → card id, from the reveal events (a resolved crisis may have left the state). */
function crisisCards(replay: Replay): Map<string, string> {
  const map = new Map<string, string>();
  for (const { event } of replay.events)
    if (event.crisis && event.card && !map.has(event.crisis)) map.set(event.crisis, event.card);
  return map;
}

function cardFor(replay: Replay, id: string | undefined): DebriefCard | null {
  const card = id ? replay.scenario.cards.find((c) => c.id === id) : undefined;
  return card ? { id: card.id, title: card.title, debrief: card.debrief } : null;
}

function moment(
  replay: Replay,
  e: ReplayEvent,
  index: number,
  cardOf: Map<string, string>,
): CrisisMoment[] {
  const { event } = e;
  if (event.type !== 'entrapment' && event.type !== 'abandonment') return [];
  const cardId = event.card ?? (event.crisis ? cardOf.get(event.crisis) : undefined);
  return [
    {
      type: event.type,
      actor: event.actors[0]!,
      partner: event.actors[1]!,
      round: event.round,
      entry: e.entry,
      event: index,
      crisis: event.crisis ?? null,
      card: cardFor(replay, cardId),
    },
  ];
}

function conceptsShown(
  events: readonly ReplayEvent[],
  replay: Replay,
  cardOf: Map<string, string>,
): ConceptShown[] {
  const revealed = new Set<string>();
  for (const { event } of replay.events)
    if ((event.type === 'crisisRevealed' || event.type === 'crisisInjected') && event.card)
      revealed.add(event.card);
  const out: ConceptShown[] = [];
  for (const concept of CONCEPTS) {
    const showing = events.filter((e) => e.event.concept === concept);
    if (showing.length === 0) continue;
    const ids = new Set<string>();
    for (const { event } of showing) {
      const id = event.card ?? (event.crisis ? cardOf.get(event.crisis) : undefined);
      if (id) ids.add(id);
    }
    for (const card of replay.scenario.cards)
      if (revealed.has(card.id) && card.concepts.includes(concept)) ids.add(card.id);
    const cards = [...ids].flatMap((id) => cardFor(replay, id) ?? []);
    out.push({ concept, events: showing.length, cards });
  }
  return out;
}
