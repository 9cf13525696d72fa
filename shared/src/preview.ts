import { computeCalls, previewSeverity } from './crisis.ts';
import { ctxOf } from './ctx.ts';
import { newCrisis } from './round.ts';
import type { Scenario } from './scenario/schema.ts';
import type { CallState, MatchState, ReadonlyState } from './state.ts';

export interface CrisisPreview {
  card: string;
  calls: CallState[];
  /** Actors a treaty would drag in. */
  treatyBound: string[];
  effectiveSeverity: number;
}

/**
 * What a card would do if revealed now, without changing the match: who it
 * would call and through which ties (the host's inject preview, the
 * projector's entanglement meter).
 */
export function previewCrisis(
  scenario: Scenario,
  readOnlyState: ReadonlyState,
  cardId: string,
): CrisisPreview | null {
  const state = readOnlyState as MatchState; // a query: it never writes (seat-state.test.ts)
  const ctx = ctxOf(scenario);
  const card = ctx.card[cardId];
  if (!card) return null;
  const probe = newCrisis(ctx, cardId, 'preview', state.round, false);
  const calls = computeCalls(ctx, state, card, probe);
  return {
    card: cardId,
    calls,
    treatyBound: calls.filter((c) => c.treaty).map((c) => c.actor),
    effectiveSeverity: previewSeverity(ctx, state, probe),
  };
}

/**
 * The cards a host may inject now: those the engine takes (in the deck or the
 * discard pile, not held in a hand). Read from a view as well as from the
 * state: a deck card is one of the deck's cards that is not live or
 * discarded, so the hidden deck order is not needed.
 */
export function injectableCards(scenario: Scenario, readOnlyState: ReadonlyState): string[] {
  const state = readOnlyState as MatchState; // a query: it never writes (seat-state.test.ts)
  const ctx = ctxOf(scenario);
  const live = new Set(state.crises.filter((c) => c.live).map((c) => c.card));
  const deck = new Set(ctx.deckCards);
  return ctx.eraCards
    .filter((c) => !c.holder)
    .map((c) => c.id)
    .filter((id) => state.discard.includes(id) || (deck.has(id) && !live.has(id)));
}
