import { type ActorKind, getScenario, SCENARIO_IDS, type Scenario } from '@entanglement/shared';

/** One seat a player can take, as the home page lists it. */
export interface SeatSummary {
  id: string;
  name: string;
  kind: ActorKind;
  colour: string;
}

/** What GET /api/scenarios returns for each shipped scenario. */
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

export function summarise(scenario: Scenario): ScenarioSummary {
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
    seats: {
      required: required.map(seat),
      optional: optional.map(seat),
      minOptional,
      maxOptional,
    },
  };
}

let cached: ScenarioSummary[] | undefined;

/** The shipped scenarios, validated and summarised once (they never change while running). */
export function listScenarios(): ScenarioSummary[] {
  cached ??= SCENARIO_IDS.map((id) => summarise(getScenario(id)));
  return cached;
}
