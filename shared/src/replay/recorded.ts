import { playRandomGame } from '../bots/play.ts';
import { closesPhase } from '../commands/schema.ts';
import { getScenario } from '../content/index.ts';
import { scenarioHash, stateHash } from '../hash.ts';
import { RULES_VERSION } from '../rules.ts';
import type { SettingsInput } from '../scenario/schema.ts';
import type { ReplayInput, StoredPhaseHash } from './replay.ts';

/**
 * Plays a match with random legal commands and records it as the archive
 * would: the log and the state hash after every phase's closing advance.
 * For tests and the replay bench; not used by the engine itself.
 */
export function recordRandomMatch(
  scenarioId: string,
  settings: SettingsInput,
  seed: string,
): ReplayInput {
  const phaseHashes: StoredPhaseHash[] = [];
  let at = { round: 1, phase: 'news' as string };
  const scenario = getScenario(scenarioId);
  const played = playRandomGame(scenario, settings, seed, seed, {
    onStep: (state, cmd) => {
      if (closesPhase(cmd)) phaseHashes.push({ ...at, hash: stateHash(state) });
      at = { round: state.round, phase: state.phase };
    },
  });
  return {
    scenarioId,
    scenarioHash: scenarioHash(scenario),
    rulesVersion: RULES_VERSION,
    seed,
    settings,
    log: played.log,
    phaseHashes,
  };
}
