import liberalEra from '../../scenarios/liberal-era.json' with { type: 'json' };
import main from '../../scenarios/main.json' with { type: 'json' };
import tutorial1950 from '../../scenarios/tutorial-1950.json' with { type: 'json' };
import { parseScenario } from '../scenario/load.ts';
import type { Scenario } from '../scenario/schema.ts';

/** The scenario files that ship with the game, by id. */
const FILES: Record<string, { file: string; data: unknown }> = {
  main: { file: 'shared/scenarios/main.json', data: main },
  'tutorial-1950': { file: 'shared/scenarios/tutorial-1950.json', data: tutorial1950 },
  'liberal-era': { file: 'shared/scenarios/liberal-era.json', data: liberalEra },
};

export const SCENARIO_IDS = Object.keys(FILES);

const cache = new Map<string, Scenario>();

/** A shipped scenario, validated on first use; throws with the file and field when the data is broken. */
export function getScenario(id: string): Scenario {
  const hit = cache.get(id);
  if (hit) return hit;
  const entry = FILES[id];
  if (!entry) throw new Error(`Unknown scenario "${id}"; known: ${SCENARIO_IDS.join(', ')}`);
  const result = parseScenario(entry.data, entry.file);
  if (!result.ok) throw new Error(result.message);
  cache.set(id, result.scenario);
  return result.scenario;
}
