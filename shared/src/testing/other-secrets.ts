import { cloneState } from '../hash.ts';
import type { MatchState } from '../state.ts';

/**
 * The same match with everything `seat` may not see changed: others'
 * drafts, hands, objectives and quiet support, the deck, the generator. A
 * bot that reads only its seat's view decides the same in both (bot tests).
 */
export function withOtherSecrets(state: MatchState, seat: string): MatchState {
  const other = cloneState(state);
  other.rng = (other.rng + 12345) >>> 0;
  other.deck = [...other.deck].reverse();
  for (const id of other.seats) {
    if (id === seat) continue;
    const a = other.actors[id]!;
    a.objective = a.objective ? null : 'obj-wide-network';
    a.hand = [...a.hand].reverse();
    a.stats.quiet += 3;
  }
  // Another seat's secret draft: an order against this seat that it cannot see yet.
  const spy = other.seats.find((s) => s !== seat)!;
  other.drafts[spy]!.orders.push({ kind: 'sanction', target: seat });
  return other;
}
