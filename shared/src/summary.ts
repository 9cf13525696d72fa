import type { Scenario } from './scenario/schema.ts';
import type { ActorKind } from './vocabulary.ts';

/** One seat a player can take, as lobbies and the home page list it. */
export interface SeatSummary {
  id: string;
  name: string;
  kind: ActorKind;
  colour: string;
}

/** A scenario as the server lists it (GET /api/scenarios) and the client shows it. */
export interface ScenarioSummary {
  id: string;
  title: string;
  description: string;
  seats: {
    required: SeatSummary[];
    optional: SeatSummary[];
    minOptional: number;
    maxOptional: number;
  };
}

export function summariseScenario(scenario: Scenario): ScenarioSummary {
  const seat = (id: string): SeatSummary => {
    const actor = scenario.actors.find((a) => a.id === id);
    if (!actor) throw new Error(`Scenario "${scenario.id}" seats an unknown actor "${id}".`);
    return { id, name: actor.name, kind: actor.kind, colour: actor.colour };
  };
  const { required, optional, minOptional, maxOptional } = scenario.seats;
  return {
    id: scenario.id,
    title: scenario.title,
    description: scenario.description,
    seats: { required: required.map(seat), optional: optional.map(seat), minOptional, maxOptional },
  };
}
