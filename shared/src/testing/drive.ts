import { applyCommand } from '../apply.ts';
import type { Command, SeatIntent } from '../commands/schema.ts';
import { createMatch } from '../create.ts';
import type { EngineEvent, EventType } from '../events/types.ts';
import type { Scenario, SettingsInput } from '../scenario/schema.ts';
import type { MatchState } from '../state.ts';
import { FIXTURE } from './fixture.ts';

/** A seat command without its seat and stamp: what a test writes. */
export type Act = SeatIntent extends infer C
  ? C extends SeatIntent
    ? Omit<C, 'seat'>
    : never
  : never;

/**
 * A readable way to write a match as a command log in tests:
 *   const m = drive({ seats: ['red', 'blue', 'green'] });
 *   m.inject('frontier-war'); m.advance();
 *   m.seat('red', { kind: 'answer', crisis: m.crisis('frontier-war'), answer: {...} });
 */
export function drive(settings: SettingsInput = {}, scenario: Scenario = FIXTURE, seed = 'test') {
  const created = createMatch(scenario, settings, seed);
  if (!created.ok) throw new Error(created.error);
  const state: MatchState = created.state;
  const log: Command[] = [];
  const events: EngineEvent[] = [...created.events];
  const run = (cmd: Command) => {
    const r = applyCommand(scenario, state, cmd);
    if (!r.ok) throw new Error(`Refused: ${r.error} (${JSON.stringify(cmd)})`);
    log.push(cmd);
    events.push(...r.events);
    return r.events;
  };
  const api = {
    state,
    scenario,
    log,
    events,
    /** A seat's command, stamped with the current round and phase; throws if refused. */
    seat(seat: string, act: Act) {
      return run({ ...act, seat, round: state.round, phase: state.phase } as Command);
    },
    /** The engine's reason for refusing a command, or null when it would be accepted (nothing changes). */
    refusal(seat: string, act: Act): string | null {
      const copy = JSON.parse(JSON.stringify(state)) as MatchState;
      const r = applyCommand(scenario, copy, {
        ...act,
        seat,
        round: state.round,
        phase: state.phase,
      } as Command);
      return r.ok ? null : r.error;
    },
    advance() {
      return run({ kind: 'advance', round: state.round, phase: state.phase });
    },
    /** Advances until the given phase (or the end). */
    advanceTo(phase: MatchState['phase']) {
      let guard = 0;
      while (state.phase !== phase && state.phase !== 'ended' && guard++ < 50) api.advance();
    },
    /** The host ends the match early. */
    endMatch() {
      return run({ kind: 'endMatch', round: state.round, phase: state.phase });
    },
    inject(card: string) {
      return run({ kind: 'injectCrisis', round: state.round, phase: state.phase, card });
    },
    /** The uid of the live (or latest) crisis from a card. */
    crisis(card: string): string {
      const found = [...state.crises].reverse().find((c) => c.card === card);
      if (!found) throw new Error(`No crisis from ${card}`);
      return found.uid;
    },
    eventsOf(type: EventType): EngineEvent[] {
      return events.filter((e) => e.type === type);
    },
    actor(id: string) {
      return state.actors[id]!;
    },
  };
  return api;
}
