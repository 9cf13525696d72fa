import type { Concept, Phase } from '../vocabulary.ts';

export const EVENT_TYPES = [
  'matchStarted',
  'roundStarted',
  'crisisRevealed',
  'crisisInjected',
  'cardPrepared',
  'tieFrozen',
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
  'deployed',
  'exercise',
  'mediated',
  'votesCounted',
  'mandateStretched',
  'actedWithoutMandate',
  'pressed',
  'held',
  'blocInvited',
  'investigation',
  'quietExposed',
  'callHonoured',
  'callHedged',
  'callHollow',
  'crossPressure',
  'entrapment',
  'abandonment',
  'favourEarned',
  'favourRepaid',
  'grievance',
  'crisisWon',
  'crisisHeld',
  'stalemate',
  'crisisDefused',
  'sharedSuccess',
  'sharedFailure',
  'invested',
  'aided',
  'sanctioned',
  'secondarySanctions',
  'summit',
  'bricsPosition',
  'income',
  'isolation',
  'cohesion',
  'tension',
  'greatPowerWar',
  'matchEnded',
] as const;
export type EventType = (typeof EVENT_TYPES)[number];

/**
 * A structured account of one thing that happened. The engine's describe()
 * turns it into the one sentence that client, replays and debriefs all show.
 */
export interface EngineEvent {
  type: EventType;
  round: number;
  phase: Phase;
  /** Actors involved, the acting one first. */
  actors: string[];
  /** Crisis uid and card id, when the event belongs to a crisis. */
  crisis?: string;
  card?: string;
  region?: string;
  /** Numbers the sentence and charts use (power, wealth, reputation, tension…). */
  amounts?: Record<string, number>;
  /** Small textual details (a level name, an answer kind, a rider kind). */
  detail?: Record<string, string>;
  /** The article's concept this event shows, for the debrief. */
  concept?: Concept;
  /** Seats that may see it; absent means public. */
  visibleTo?: string[];
}
