import {
  type EngineEvent,
  type ReflectionPrompt,
  reflectionPrompts,
  type Scenario,
} from '@entanglement/shared';

type PromptKey = Pick<ReflectionPrompt, 'round' | 'phase' | 'eventType' | 'crisis'>;

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

  /** The seat's questions still open (for a player who comes back). */
  pending(seat: string): ReflectionPrompt[] {
    return [...(this.open.get(seat)?.values() ?? [])];
  }
}
