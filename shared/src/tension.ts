import { RULES } from './rules.ts';
import { emit, type Tx } from './tx.ts';

/**
 * Raises Tension by one, charged to the actors whose actions caused it
 * (docs/rules.md §10). An increase is dropped when every seat it is charged
 * to has already been charged its two for this round; non-player actors are
 * never capped. At 10 the great-power war begins.
 */
export function raiseTension(
  tx: Tx,
  chargedTo: string[],
  reason: string,
  crisis?: string,
): boolean {
  const { state } = tx;
  if (state.tension >= RULES.maxTension) return false;
  const seats = chargedTo.filter((id) => state.actors[id]?.seat);
  const npcCaused = seats.length < chargedTo.length;
  const anyUnderCap = seats.some(
    (id) => (state.tensionCharged[id] ?? 0) < RULES.tensionChargePerSeat,
  );
  if (!npcCaused && !anyUnderCap) return false;
  for (const id of seats) state.tensionCharged[id] = (state.tensionCharged[id] ?? 0) + 1;
  state.tension++;
  emit(tx, {
    type: 'tension',
    actors: chargedTo,
    amounts: { change: 1, tension: state.tension },
    detail: { reason },
    ...(crisis ? { crisis } : {}),
  });
  if (state.tension >= RULES.maxTension) {
    state.warMakers = seats;
    emit(tx, { type: 'greatPowerWar', actors: seats, amounts: { tension: state.tension } });
  }
  return true;
}

export function lowerTension(tx: Tx, reason: string): void {
  if (tx.state.tension <= 0) return;
  tx.state.tension--;
  emit(tx, {
    type: 'tension',
    actors: [],
    amounts: { change: -1, tension: tx.state.tension },
    detail: { reason },
  });
}
