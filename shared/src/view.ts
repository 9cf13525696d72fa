import type { EngineEvent } from './events/types.ts';
import type { DeepReadonly } from './readonly.ts';
import type { CrisisState, MatchState } from './state.ts';

/**
 * What a seat (or, with `null`, a spectator or the projector) may see of the
 * match. Read-only at every depth: a view shares objects with the live
 * state (computing it copies only what it hides), so a write through it
 * would change the match behind the engine's back.
 */
export type SeatView = DeepReadonly<
  Omit<MatchState, 'rng' | 'deck'> & {
    /** null for spectators. */
    viewer: string | null;
    deckSize: number;
    /** The RNG state is gone from every view; this is always 0. */
    rng: 0;
  }
>;

function visible(event: EngineEvent, viewer: string | null): boolean {
  return !event.visibleTo || (viewer !== null && event.visibleTo.includes(viewer));
}

/** A live crisis with other actors' secret decisions removed (answers, votes, Press/Hold). */
function crisisFor(crisis: CrisisState, viewer: string | null, ended: boolean): CrisisState {
  if (ended) return crisis;
  if (!crisis.live) {
    // Resolved answers are public through the account, except quiet support, which stays hidden unless exposed.
    const answers: CrisisState['answers'] = {};
    for (const [id, a] of Object.entries(crisis.answers))
      if (a.kind !== 'quiet' || id === viewer) answers[id] = a;
    return { ...crisis, answers };
  }
  const answers: CrisisState['answers'] = {};
  if (viewer && crisis.answers[viewer]) answers[viewer] = crisis.answers[viewer];
  const votes: CrisisState['votes'] = {};
  if (viewer && crisis.votes[viewer]) votes[viewer] = crisis.votes[viewer];
  return {
    ...crisis,
    answers,
    votes,
    press: crisis.instigator === viewer ? crisis.press : null,
    mandate: crisis.mandateFor !== null && crisis.mandateFor === viewer ? crisis.mandate : null,
  };
}

/** What every viewer but the owner sees of each actor and draft: computed once, shared by several views. */
interface Redactions {
  actors: MatchState['actors'];
  drafts: MatchState['drafts'];
}

function redactions(state: MatchState): Redactions {
  const actors: MatchState['actors'] = {};
  const drafts: MatchState['drafts'] = {};
  const ended = state.phase === 'ended';
  for (const id in state.actors) {
    const a = state.actors[id]!;
    actors[id] = ended
      ? a
      : {
          ...a,
          objective: null,
          hand: a.hand.map(() => 'hidden'),
          stats: { ...a.stats, quiet: 0 },
        };
  }
  for (const id in state.drafts) {
    const d = state.drafts[id]!;
    drafts[id] = ended ? d : { orders: [], lowers: [], done: d.done };
  }
  return { actors, drafts };
}

/**
 * A seat's view (docs/architecture.md, `viewFor` and the invariants): a pure function that keeps
 * what that seat may know and removes the rest — other seats' drafts,
 * answers, votes and Press decisions before resolution, offers and
 * invitations between others, others' secret objectives and hands, the deck
 * order and the generator's state. After the match ends everything is shown
 * except the generator.
 */
export function viewFor(state: MatchState, viewer: string | null): SeatView {
  return assembleView(state, viewer, redactions(state));
}

/**
 * The views of several viewers at once (the server's, after each command).
 * Equal to `viewFor` for each; what the views have in common is the same
 * object in each of them, so a caller can recognise it by identity.
 *
 * What a view is made of, which the server's encoder relies on to encode
 * only what changed (`server/src/rooms/view-encoding.ts`): each member of a
 * view is either the state's member of the same name itself (the same
 * object), or is computed from that member alone, the viewer and whether the
 * match has ended; `actors` and `drafts` entry by entry, each entry either
 * the state's own entry or a redaction of it that is the same for every
 * viewer but its owner. `viewer`, `deckSize` and `rng` have no member of
 * their name. `view.test.ts` holds every view of played games to this.
 */
export function viewsFor(
  state: MatchState,
  viewers: Iterable<string | null>,
): Map<string | null, SeatView> {
  const shared = redactions(state);
  const views = new Map<string | null, SeatView>();
  for (const viewer of viewers)
    if (!views.has(viewer)) views.set(viewer, assembleView(state, viewer, shared));
  return views;
}

function assembleView(state: MatchState, viewer: string | null, redacted: Redactions): SeatView {
  const ended = state.phase === 'ended';
  const { rng: _rng, deck, ...rest } = state;
  const actors: MatchState['actors'] = {};
  for (const id in state.actors)
    actors[id] = id === viewer ? state.actors[id]! : redacted.actors[id]!;
  const drafts: MatchState['drafts'] = {};
  for (const id in state.drafts)
    drafts[id] = id === viewer ? state.drafts[id]! : redacted.drafts[id]!;
  const involves = (ids: string[]) => ended || (viewer !== null && ids.includes(viewer));
  return {
    ...rest,
    rng: 0,
    viewer,
    deckSize: deck.length,
    actors,
    drafts,
    crises: state.crises.map((c) => crisisFor(c, viewer, ended)),
    offers: state.offers.filter((o) => involves([o.from, o.to])),
    // Invitations are public acts (a summit, a drill, a call for mediators).
    invitations: state.invitations,
    prepared: ended ? state.prepared : state.prepared.filter((p) => p.by === viewer),
    pledges: state.pledges.filter((p) => involves([p.by, p.to])),
    account: state.account.filter((e) => ended || visible(e, viewer)),
  };
}
