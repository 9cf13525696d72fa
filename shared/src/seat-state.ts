import type { ReadonlyState } from './state.ts';
import type { SeatView } from './view.ts';

/**
 * The match as a client can rebuild it from its seat's view: the view with
 * the parts it never sees (the deck, the generator) left empty. The engine's
 * read-only functions (legalCommands, commandProblem, previewCrisis) give the
 * same answers on it for that seat as on the full state (seat-state.test.ts),
 * so the client shows the engine's own reasons without holding any secret.
 * Read-only like the view it shares its objects with (and never given to
 * applyCommand: it cannot draw cards).
 */
export function stateOfView(view: SeatView): ReadonlyState {
  const { viewer: _viewer, deckSize: _deckSize, ...rest } = view;
  return { ...rest, rng: 0, deck: [] };
}
