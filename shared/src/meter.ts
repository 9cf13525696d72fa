import { ctxOf } from './ctx.ts';
import { previewCrisis } from './preview.ts';
import type { Scenario } from './scenario/schema.ts';
import type { MatchState, ReadonlyState } from './state.ts';

/** The projector's entanglement meter: how far treaties would spread a crisis right now. */
export interface EntanglementReading {
  /** The most actors any one crisis of the scenario would drag in through treaties. */
  worst: number;
  /** The crisis card that would drag in the most (null when no crisis would drag anyone). */
  worstCard: string | null;
  /** Those actors. */
  worstActors: string[];
  /** Actors that at least one crisis would drag in through a treaty. */
  exposed: string[];
}

/**
 * Previews every crisis card of the scenario's eras against the current ties
 * (the engine's previewCrisis: nothing changes) and counts the actors each
 * would call through a treaty. Uses only public information: ties and blocs.
 */
export function entanglementMeter(
  scenario: Scenario,
  readOnlyState: ReadonlyState,
): EntanglementReading {
  const state = readOnlyState as MatchState; // a query: it never writes (seat-state.test.ts)
  const ctx = ctxOf(scenario);
  const reading: EntanglementReading = { worst: 0, worstCard: null, worstActors: [], exposed: [] };
  const exposed = new Set<string>();
  for (const card of ctx.eraCards) {
    if (card.kind !== 'crisis') continue;
    const preview = previewCrisis(scenario, state, card.id);
    if (!preview) continue;
    for (const actor of preview.treatyBound) exposed.add(actor);
    if (preview.treatyBound.length > reading.worst) {
      reading.worst = preview.treatyBound.length;
      reading.worstCard = card.id;
      reading.worstActors = preview.treatyBound;
    }
  }
  reading.exposed = [...exposed].sort();
  return reading;
}
