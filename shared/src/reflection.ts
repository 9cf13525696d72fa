import { describeEvent } from './events/describe.ts';
import type { EngineEvent } from './events/types.ts';
import type { Scenario } from './scenario/schema.ts';

/** The moments a seat's players are asked, optionally and in one line, why. */
export const REFLECTED_EVENTS = [
  'callHonoured',
  'callHedged',
  'abandonment',
  'entrapment',
] as const;
export type ReflectedEvent = (typeof REFLECTED_EVENTS)[number];

/** A question put to the players of `seat` after a resolution. */
export interface ReflectionPrompt {
  seat: string;
  round: number;
  phase: string;
  eventType: ReflectedEvent;
  crisis: string | null;
  /** The engine's sentence for the event, then the question. */
  question: string;
}

/**
 * The prompts a resolution's events call for (issue 5): a seat that honoured
 * a treaty call, hedged on a call, abandoned a partner, or was entrapped is
 * asked why; the first actor of the event is the seat asked. Only seats in
 * `seats` (those played by people) are asked.
 */
export function reflectionPrompts(
  scenario: Scenario,
  events: readonly EngineEvent[],
  seats: readonly string[],
): ReflectionPrompt[] {
  const prompts: ReflectionPrompt[] = [];
  for (const e of events) {
    const seat = e.actors[0];
    if (seat === undefined || !seats.includes(seat)) continue;
    if (!(REFLECTED_EVENTS as readonly string[]).includes(e.type)) continue;
    if (e.type === 'callHonoured' && e.detail?.treaty !== 'yes') continue;
    const ask =
      e.type === 'entrapment'
        ? 'How did your seat end up in this war? (one line, optional)'
        : 'Why did your seat choose this? (one line, optional)';
    prompts.push({
      seat,
      round: e.round,
      phase: e.phase,
      eventType: e.type as ReflectedEvent,
      crisis: e.crisis ?? null,
      question: `${describeEvent(scenario, e)} ${ask}`,
    });
  }
  return prompts;
}
