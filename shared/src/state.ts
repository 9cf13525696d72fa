import type { Answer, InvitationKind, Order } from './commands/schema.ts';
import type { EngineEvent } from './events/types.ts';
import type { DeepReadonly } from './readonly.ts';
import type { Rider } from './scenario/schema.ts';
import type { Phase, Stake } from './vocabulary.ts';

/**
 * The whole state of a match: plain JSON (no classes, no Maps), so it hashes,
 * clones and serialises without ceremony. Only the engine writes it.
 */
export interface MatchState {
  rulesVersion: number;
  scenarioId: string;
  settings: ResolvedSettings;
  round: number;
  phase: Phase;
  /** Bumped on every accepted command: a cheap id for "the state this was written against". */
  step: number;
  tension: number;
  rng: number;
  /** Actor ids seated by people or bots, in scenario order. */
  seats: string[];
  actors: Record<string, ActorState>;
  /** Keyed by `tieKey(a, b)`; a pair with no entry has no tie of its own. */
  ties: Record<string, TieState>;
  /** Institution id → member ids (membership changes through offers and notices). */
  blocs: Record<string, string[]>;
  /** Card ids still to draw, in order (hidden from seats). */
  deck: string[];
  discard: string[];
  crises: CrisisState[];
  offers: OfferState[];
  invitations: InvitationState[];
  sanctions: SanctionState[];
  /** UN pledges: `by` promised to vote with `to` on the next vote. */
  pledges: { by: string; to: string }[];
  /** Per seat: what it will do this round (secret until resolution). */
  drafts: Record<string, SeatDraft>;
  /** Cards prepared this round by hand holders: revealed with next round's news. */
  prepared: { card: string; by: string }[];
  /** Tension increases charged to each seat this round (a seat's past 2 are dropped). */
  tensionCharged: Record<string, number>;
  /** Events since this round's news: the round's account (filtered per seat in views). */
  account: EngineEvent[];
  nextId: number;
  /** Set when the match ends. */
  ending: MatchEnding | null;
  /** Seats whose actions moved Tension to 10, if a great-power war ended the match. */
  warMakers: string[];
}

/**
 * A match state to read only: what a seat rebuilds from its view
 * (`stateOfView`, sharing its objects with the live state on the server).
 * The engine's queries (legalCommands, commandProblem, seatBudget, scoring,
 * previews, the bots' readings) take it: written against MatchState, each
 * reads it through one cast, and seat-state.test.ts runs them all on deep-frozen
 * views, so a query that wrote would fail there.
 */
export type ReadonlyState = DeepReadonly<MatchState>;

export interface ResolvedSettings {
  rounds: number;
  pace: 'quick' | 'full';
  preset: 'standard' | 'class';
  actionPoints: { greatPower: number; globalSouth: number };
  treatyNotice: number;
}

export interface MatchEnding {
  round: number;
  reason: 'lastRound' | 'greatPowerWar' | 'endedEarly';
  /** Rounds whose resolution was played: what goals and par are fitted to (docs/rules.md §13). */
  roundsPlayed: number;
}

export interface ActorState {
  id: string;
  seat: boolean;
  power: number;
  wealth: number;
  autonomy: number;
  reputation: number;
  security: number;
  /** −1 for actors without the Cohesion track. */
  cohesion: number;
  income: number;
  /** Region id → 0..10. */
  influence: Record<string, number>;
  /** Power deployed this round, region id → amount. */
  deployed: Record<string, number>;
  /** Power committed to crises of this round not yet resolved, crisis uid → amount (counts against the reserve; a resolved crisis moves it to `locked`). */
  committed: Record<string, number>;
  locked: LockedPower[];
  /** Rounds of Entangled left, and the tie that drew the actor in. */
  entangled: number;
  entangledBy: string | null;
  roundsEntangled: number;
  /** Grievances this actor holds against others. */
  grievances: Record<string, number>;
  /** Favours others owe this actor. */
  favours: Record<string, number>;
  /** Rounds of secondary sanctions left (−2 income). */
  secondary: number;
  /** Isolated at the last round end: crises against it get +1 severity. */
  isolated: boolean;
  /** May veto for free (an abstainer whose abstention was stretched). */
  freeVeto: boolean;
  /** Secret objective id (seats only). */
  objective: string | null;
  /** Cards held by a holdsCards lever, and the round one was last prepared. */
  hand: string[];
  lastPrepared: number;
  startWealth: number;
  stats: ActorStats;
}

/** Counters for scoring, awards and the debrief. */
export interface ActorStats {
  honoured: number;
  treatyHonoured: number;
  hedged: number;
  quiet: number;
  abandoned: number;
  entrapped: number;
  abandonedBy: number;
  honouredForMe: number;
  offersSent: number;
  offersAccepted: number;
  newTreaties: number;
  mediations: number;
  defusals: number;
  /** Ties it lowered with a partner that had just gone to war. */
  scaledBack: number;
}

export interface LockedPower {
  amount: number;
  /** Rounds left; stalemate locks use −1 and last while their crisis is live. */
  rounds: number;
  crisis: string | null;
  /** The round it was set: markers do not tick in that round. */
  since: number;
}

export interface TieState {
  a: string;
  b: string;
  /** The pair's own level (0..4); a bloc may set a higher effective level. */
  level: number;
  /** The live crisis that froze this tie, if any. */
  frozenBy: string | null;
  /** The tie cannot rise before this round. */
  noRiseBefore: number;
  /** A treaty notice: the treaty ends at the start of resolution in round `due`. */
  notice: { by: string; due: number; bloc: string | null } | null;
  riders: StandingRider[];
  /** The pair's bloc level no longer applies (after an abandonment inside a bloc). */
  blocSuspended: boolean;
}

export interface StandingRider {
  rider: Rider;
  /** Who offered it; directions (seller, trainer, guest) are in the rider. */
  from: string;
  /** The tie level it was made at: it lasts while the tie stays at or above. */
  level: number;
}

export type Side = 'attack' | 'defence';

export interface CallerState {
  party: string;
  side: Side;
  /** The level at which the called actor stands behind this party. */
  level: number;
  via: 'tie' | 'bloc' | 'footprint';
  /** The bloc that binds them, when the call comes through an institution. */
  bloc: string | null;
}

export interface CallState {
  actor: string;
  /** Parties whose ties (or footprint) call this actor; two when it is called from both sides. */
  callers: CallerState[];
  /** The side to take; 'either' when both parties call (the answer chooses). */
  side: Side | 'either';
  /**
   * A treaty call: no hedge, no quiet support; refusing is abandonment. A
   * defensive treaty binds only to the defence side (unless the card binds
   * the ally). Never when called from both sides.
   */
  treaty: boolean;
  /** The instigator's ask to a treaty ally it does not bind: refusing (hedging) costs RULES.askRefusedReputation. */
  asked: boolean;
  stake: Stake;
}

export interface CrisisState {
  uid: string;
  card: string;
  revealed: number;
  region: string;
  instigator: string | null;
  target: string | null;
  /** Parties: instigator and target, or a shared crisis's region actors. */
  parties: string[];
  /** Base severity now (falls after a stalemate). */
  severity: number;
  /** Effective severity shown at Briefing. */
  preview: number;
  calls: CallState[];
  answers: Record<string, Answer>;
  /** The instigator's Press (Power) or Hold; null until it decides. */
  press: { press: boolean; power: number } | null;
  votes: Record<string, 'yes' | 'abstain' | 'veto'>;
  mandate: 'limit' | 'stretch' | 'standDown' | null;
  /** The actor that decides how a mandate is used (vote cards): its own choice is in its view. */
  mandateFor: string | null;
  blocInvited: string | null;
  /** Mediators this round and the severity they took off (at most 2). */
  mediators: string[];
  mediation: number;
  stalemates: number;
  /** Power locked by stalemates of this crisis, by actor. */
  stuck: Record<string, number>;
  live: boolean;
  injected: boolean;
}

export interface OfferState {
  id: string;
  round: number;
  from: string;
  to: string;
  raise: boolean;
  riders: Rider[];
  bloc: string | null;
  favour: boolean;
  answer: boolean | null;
  withdrawn: boolean;
}

export interface InvitationState {
  id: string;
  round: number;
  kind: InvitationKind;
  from: string;
  invitees: string[];
  crisis: string | null;
  bloc: string | null;
  accepted: string[];
  declined: string[];
}

export interface SanctionState {
  by: string;
  target: string;
  /** Rounds of income effect left. */
  rounds: number;
  since: number;
}

export interface SeatDraft {
  orders: Order[];
  /** Ties the seat lowers at resolution (partner ids; bloc ids for leaving a bloc). */
  lowers: { partner: string; bloc: string | null }[];
  done: boolean;
}

export type { Answer, Order };
