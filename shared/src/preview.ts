import { computeCalls, partiesOf, previewSeverity } from './crisis.ts';
import { ctxOf } from './ctx.ts';
import type { Scenario } from './scenario/schema.ts';
import type { CallState, CrisisState, MatchState } from './state.ts';

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
  const probe: CrisisState = {
    uid: 'preview',
    card: cardId,
    revealed: state.round,
    region: card.region,
    instigator: card.instigator,
    target: card.target,
    parties: partiesOf(ctx, card),
    severity: card.severity,
    preview: card.severity,
    calls: [],
    answers: {},
    press: null,
    votes: {},
    mandate: null,
    blocInvited: null,
    mediators: [],
    mediation: 0,
    stalemates: 0,
    stuck: {},
    live: true,
    injected: false,
  };
  const calls = computeCalls(ctx, state, card, probe);
  return {
    card: cardId,
    calls,
    treatyBound: calls.filter((c) => c.treaty).map((c) => c.actor),
    effectiveSeverity: previewSeverity(ctx, state, probe),
  };
}
