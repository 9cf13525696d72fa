import type { Client } from '@colyseus/core';
import {
  type EngineEvent,
  type ErrorCode,
  type ReflectionPrompt,
  ReflectSchema,
  reflectionPrompts,
  type Scenario,
} from '@entanglement/shared';
import type { ReflectionInput } from '../store/types.ts';
import { parseOrRefuse } from './outbox.ts';
import type { Seating } from './seating.ts';

/** What the reflection desk needs of its match room. */
export interface ReflectRoom {
  readonly seating: Seating;
  fail(client: Client, type: string, code: ErrorCode, reason: string, field: string | null): void;
  /** Tells everyone holding `seat` that its question for that moment is answered. */
  answered(seat: string, key: PromptKey): void;
  /** Stores the answer after every earlier write. */
  persist(reflection: ReflectionInput): void;
}

export type PromptKey = Pick<ReflectionPrompt, 'round' | 'phase' | 'eventType' | 'crisis'>;

const keyOf = (p: PromptKey) => `${p.round}|${p.phase}|${p.eventType}|${p.crisis ?? ''}`;

/**
 * The reflection questions of a match: put to a seat's players after a
 * resolution in which the seat honoured a treaty call, hedged, abandoned a
 * partner or was entrapped (the engine's `reflectionPrompts`), and open until
 * someone holding the seat answers. Answering is optional.
 */
export class ReflectionDesk {
  private readonly open = new Map<string, Map<string, ReflectionPrompt>>();

  /** Opens the questions these events call for and returns them (to be sent). */
  ask(
    scenario: Scenario,
    events: readonly EngineEvent[],
    seats: readonly string[],
  ): ReflectionPrompt[] {
    const prompts = reflectionPrompts(scenario, events, seats);
    for (const p of prompts) {
      const mine = this.open.get(p.seat) ?? new Map<string, ReflectionPrompt>();
      mine.set(keyOf(p), p);
      this.open.set(p.seat, mine);
    }
    return prompts;
  }

  /** Closes the seat's question for that moment; false if there is none open. */
  answer(seat: string, key: PromptKey): boolean {
    return this.open.get(seat)?.delete(keyOf(key)) ?? false;
  }

  /**
   * A `reflect` message: the sender must hold the seat asked (with its own valid pass) and
   * the question must still be open; the answer is stored and the question
   * closes for the whole team.
   */
  receive(room: ReflectRoom, client: Client, raw: unknown) {
    const msg = parseOrRefuse(client, 'reflect', ReflectSchema, raw);
    if (!msg) return;
    const fail = (code: ErrorCode, reason: string, field: string) =>
      room.fail(client, 'reflect', code, reason, field);
    const seat = room.seating.seatOf(client.sessionId);
    if (seat === null || !room.seating.holds(client.sessionId, seat, msg.token))
      return fail('badToken', 'Only the seat that was asked can answer.', 'token');
    if (!this.answer(seat, msg))
      return fail('illegal', 'There is no open question for that moment.', 'eventType');
    const { round, phase, eventType, crisis, text } = msg;
    room.persist({
      seat,
      round,
      phase,
      eventType,
      ...(crisis ? { crisis } : {}),
      text,
      at: Date.now(),
    });
    room.answered(seat, { round, phase, eventType, crisis });
  }

  /** The seat's questions still open (for a player who comes back). */
  pending(seat: string): ReflectionPrompt[] {
    return [...(this.open.get(seat)?.values() ?? [])];
  }
}
