import {
  getScenario,
  SCENARIO_IDS,
  type ScenarioSummary,
  summariseScenario,
} from '@entanglement/shared';

let cached: ScenarioSummary[] | undefined;

/** The shipped scenarios, validated and summarised once (they never change while running). */
export function listScenarios(): ScenarioSummary[] {
  cached ??= SCENARIO_IDS.map((id) => summariseScenario(getScenario(id)));
  return cached;
}
