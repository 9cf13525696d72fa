import type { Ctx } from './ctx.ts';
import type { EngineEvent } from './events/types.ts';
import type { MatchState } from './state.ts';

/** One application of a command: the scenario, the state being changed and the events it produced. */
export interface Tx {
  ctx: Ctx;
  state: MatchState;
  events: EngineEvent[];
}

/** Records an event in the command's result and in the round's account. */
export function emit(tx: Tx, event: Omit<EngineEvent, 'round' | 'phase'>): void {
  // Callers pass a fresh literal, so it is stamped in place rather than copied (the hot path allocates less).
  const full = event as EngineEvent;
  full.round = tx.state.round;
  full.phase = tx.state.phase;
  tx.events.push(full);
  tx.state.account.push(full);
}

export function newId(state: MatchState, prefix: string): string {
  state.nextId++;
  return `${prefix}${state.nextId}`;
}
