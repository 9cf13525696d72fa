import { computeCalls, previewSeverity } from './crisis.ts';
import { ctxOf } from './ctx.ts';
import { newCrisis } from './round.ts';
import type { Scenario } from './scenario/schema.ts';
import type { CallState, MatchState } from './state.ts';

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
  state: MatchState,
  cardId: string,
): CrisisPreview | null {
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
